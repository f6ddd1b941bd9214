//! Small synchronous preferences (language, profile, settings, the wizard
//! draft) in localStorage through gloo-storage.
