# CPOR Desk — English (the reference catalog: it defines every key and the
# order of each message's arguments).
#
# Syntax: a small subset of Project Fluent, described in src/i18n/ftl.rs.
#   key = text with { $placeholder }
#   key = { $count ->
#           [one] one thing
#          *[other] { $count } things
#       }
# Every other language file must have exactly these keys with the same
# placeholders: the build stops otherwise (file and line are named).

## Language and dates

language-name = English
date-medium = { $month ->
        [1] Jan
        [2] Feb
        [3] Mar
        [4] Apr
        [5] May
        [6] Jun
        [7] Jul
        [8] Aug
        [9] Sep
        [10] Oct
        [11] Nov
       *[12] Dec
    } { $day }, { $year }

## The shell and the quick check

app-title = CPOR Desk
tagline = Claiming Partner of Record claims, checked before you submit. Your data stays in this browser.
language = Language
quick-check-title = Check a customer's domain and tenant ID
quick-check-intro = The same rules as the claim wizard: identifier formats and the domain ↔ tenant match.
no-findings = No problems found.
severity-error = Error
severity-warning = Warning
canonical-tenant = Tenant ID (canonical)
ascii-domain = Domain (ASCII)
directory-note = Checked against the built-in demo directory (Contoso, Fabrikam).
dashboard-imported = { $count ->
        [one] Imported { $count } claim.
       *[other] Imported { $count } claims.
    }

## Findings: one message per stable finding code (docs/rules.md, "Finding codes").

finding-tenant-required = Enter the customer's tenant ID (directory ID).
finding-tenant-format = The tenant ID must be a GUID: 32 hexadecimal digits, for example 1d38bbea-e8d8-407c-9c74-bee089c92c07.
finding-tenant-nil = The tenant ID is all zeros, which is not a real tenant.
finding-tenant-consumer = This is the tenant of personal Microsoft accounts, not a customer organisation.
finding-domain-required = Enter the customer's domain name, for example contoso.com.
finding-domain-format = This is not a valid domain name. Use a name like contoso.com (letters, digits and hyphens, at least two labels, no IP address).
finding-domain-url = A web address was entered; only its host name is used (shown under the field as the domain that will be claimed).
finding-domain-email = An email address was entered; only its domain is used.
finding-domain-unknown = The directory cannot confirm that this domain belongs to the tenant. Check both with the customer.
finding-domain-mismatch = The domain belongs to a different tenant than the tenant ID entered. Ask the customer for the correct details.
finding-subscription-required = A subscription ID is needed for this product: the customer has several subscriptions of it, or none is known on the tenant. Ask the customer: in the Microsoft 365 admin center, under Billing › Your products, the subscription's page shows its ID.
finding-subscription-format = The subscription ID must be a GUID: 32 hexadecimal digits.
finding-subscription-is-tenant-id = This is the tenant ID, not a subscription ID. The customer finds the subscription ID in the Microsoft 365 admin center under Billing › Your products, on the subscription's page.
finding-subscription-not-on-tenant = This subscription is not on the customer's tenant. Check the subscription ID and the tenant ID with the customer.
finding-subscription-not-dynamics = This subscription is not for a Dynamics 365 product. Check with the customer which subscription holds the product you claim.
finding-subscription-csp = This subscription was bought through CSP; Business Applications claims need Volume Licensing or Web Direct, so it cannot be claimed here.
finding-subscription-not-provisioned = The customer has not activated or provisioned the products of this subscription yet. Ask the customer to finish provisioning; after that it can take up to seven days before the subscription can be claimed.
finding-subscription-too-recent = The subscription was activated less than 48 hours ago; it can be claimed 48 hours after activation.
finding-subscription-already-claimed = This subscription has already been claimed. Check the subscription ID with the customer.
finding-subscription-inactive = The subscription is not active or in grace (for example it expired). An expired subscription gets a new ID: ask the customer for the new subscription's ID and claim that one.
finding-subscription-product-mismatch = The subscription is for another product than the one selected. Check the subscription ID with the customer, or choose the product it is for.
finding-mpn-required = Choose the partner location (MPN ID).
finding-mpn-format = The MPN ID (PartnerID) must be 6 to 10 digits.
finding-mpn-not-enrolled = This location is not enrolled in an incentive program, so the claim will not earn incentives. Ask your organisation's global admin to enrol it in Incentives in Partner Center, or choose an enrolled location.
finding-email-required = Enter an email address.
finding-email-format = This is not a valid email address, for example anna@contoso.com.
finding-contact-name-required = Enter the contact's name.
finding-phone-format = The phone number may contain digits, spaces, +, -, and parentheses, with 6 to 20 digits.
finding-email-not-customer-domain = This address is not at one of the customer's domains (a personal address, or another organisation's). Microsoft sends the consent notice to the customer contact: use an address at the customer's organisation.
finding-claim-name-required = Enter a claim name so you can find the claim later.
finding-claim-name-too-long = The claim name can be at most 100 characters.
finding-solution-area-required = Choose a solution area.
finding-partner-role-required = Choose a partner role.
finding-customer-name-required = Enter the customer organisation's name.
finding-customer-name-mismatch = The name differs from the organisation name the directory has for this tenant. Check that the domain, the tenant ID and the name belong to the same customer.
finding-product-required = Choose at least one product or workload.
finding-product-power-bi-dpor = Power BI cannot be claimed here: Power BI incentives still go through Digital Partner of Record (DPOR).
finding-product-already-associated = Your organisation is already associated with this customer for this product.
finding-product-competing = Another partner is associated with this product for this customer: this is a competing claim and the review will take longer.
finding-product-wrong-area = This product does not belong to the chosen solution area.
finding-role-wrong-area = This partner role does not belong to the chosen solution area.
finding-poe-required = Upload at least one proof-of-execution document before submitting.
finding-poe-file-type = This file type is not accepted. Use PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML or MSG (checked by the file's content).
finding-poe-file-too-large = The file is larger than 20 MB.
finding-poe-file-over-server-limit = The file is larger than the team sync server accepts (IBM Cloudant: 10 MB; see Settings → Team sync).
finding-poe-file-empty = The file is empty.
finding-transition-not-allowed = This action is not possible in the claim's current status.
finding-transition-forbidden-role = Your role may not perform this action on this claim.
finding-transition-window-closed = The dispute window has closed. Create a new claim from this one with updated proof of execution.
finding-edit-field-locked = This field cannot be changed in the claim's current status.
finding-text-required = This text is required.
finding-date-format = Dates must be written YYYY-MM-DD and exist in the calendar.
finding-input-invalid = The input does not have the expected shape.
finding-text-too-long = This text is too long: a field can hold at most 10,000 characters (a claim name 100), a comment or note 20,000.
finding-list-too-long = This list is too long: a claim holds at most 50 products, 100 documents, 1,000 comments and 5,000 history entries.
finding-claim-too-large = This claim is too large to store: a claim may take at most 4 MB.
finding-csv-header-missing = The file has no header row: the first line must name the columns (claim_name, customer_domain, tenant_id, product, …).
finding-csv-column-missing = A required column is missing from the header row: claim_name, customer_domain, tenant_id and product are needed.
finding-csv-duplicate-column = This column appears more than once in the header row, so it is not clear which one to use.
finding-csv-unknown-column = This column is not known and is ignored.
finding-csv-malformed = This line is not valid CSV: a quoted field is not closed, or a quote appears inside an unquoted field or after a closing quote.
finding-csv-field-count = This line has a different number of fields than the header row.
finding-csv-row-conflict = The rows of this claim disagree on this column: every row of a claim must repeat the same claim details.
finding-csv-duplicate-id = A claim with this ID already exists here; it is imported as a new claim with a new ID.
finding-csv-claim-id-format = The claim ID is not a GUID; the claim gets a new ID.
finding-csv-partner-org-mismatch = This claim belongs to another partner organisation; claims are imported into your own organisation only.
finding-csv-draft-only = Only the claim's details are imported: it becomes a new draft (Editing), without its status, history, comments or documents.
finding-csv-subscription-ignored = Only Business Applications products are claimed per subscription; this subscription ID is not imported.
finding-csv-too-many-rows = The file has more than 20,000 rows, the most one import reads: nothing is imported from it. Split it into smaller files.

## Shared words

no-documents-yet = No documents yet.
claim-name = Claim name
solution-area = Solution area
partner-role = Partner role
partner-organisation = Partner organisation
partner-location-mpn-id = Partner location (MPN ID)
customer-organisation-name = Customer organisation name
customer-domain = Customer domain
tenant-id = Tenant ID
products = Products
subscription-id = Subscription ID
subscription-id-optional = Subscription ID (optional)
customer-contact = Customer contact
partner-contact = Partner contact
created = Created
download = Download
remove = Remove
choose = Choose…
cancel = Cancel
simulation = simulation
go-to-your-claims = Go to your claims
your-claims = Your claims
competing-claim = Competing claim
comments = Comments
comment-optional = Comment (optional)
customer = Customer
new-claim = New claim
partner-location = Partner location

## banners

banners-dismiss = Dismiss
banners-unsaved-change = Unsaved change:
banners-load-the-latest-version-and-apply = Load the latest version and apply my change again
banners-try-again = Try again
banners-discard-my-change-and-show-the = Discard my change and show the latest version
banners-update-ready = A new version of CPOR Desk is ready. Save what you are editing, then reload to use it.
banners-update-reload = Reload

## checklist

checklist-proof-of-execution-is-not-required = Proof of execution is not required for this claim: its partner role is revenue association only (no incentive payment).
checklist-what-reviewers-look-for-in-each = What reviewers look for in each document. The pre-check reads PDF, DOCX and TXT documents here in your browser (nothing is uploaded) and shows what it found; tick what your document shows: your ticks count over the pre-check.
checklist-ticked = ☑ Ticked:{ " " }
checklist-not-ticked = ☐ Not ticked:{ " " }

## claim

claim-subscription = subscription
claim-empty = (empty)
claim-created = Claim created
claim-created-as-a-copy-of = Claim created as a copy of
claim-details-edited = Details edited
claim-submitted = Submitted
claim-review-started = Review started
claim-information-requested = Information requested:
claim-approved = Approved
claim-rejected = Rejected:
claim-customer-denied-consent = Customer denied consent
claim-consent-period-ended-sent-for-incentive = Consent period ended; sent for incentive evaluation
claim-rejection-disputed = Rejection disputed
claim-comment-added = Comment added
claim-document-added = Document added:
claim-document-removed = Document removed:
claim-poe-checklist = PoE checklist:
claim-ticked = ticked
claim-unticked = unticked
claim-partner = partner
claim-reviewer = reviewer
claim-customer = customer
claim-your-change-was-not-saved-see = Your change was not saved: see the message at the top of the page.
claim-reason = Reason
claim-not-found-in-this-browser = Claim not found in this browser
claim-claims-are-kept-in-the-browser = Claims are kept in the browser where they were created. A link from someone else, or from another browser or device, opens only if this browser holds the same claim (import an export file in Settings).
claim-id = Claim ID:
claim-status = Status:
claim-another-partner-s-pending-or-approved = Another partner's pending or approved claim covers the same customer and product; review takes longer.
claim-what-you-can-do = What you can do
claim-edit-the-claim = Edit the claim
claim-details = Details
claim-timeline = Timeline
claim-proof-of-execution-documents = Proof of execution (documents)
claim-poe-checklist-2 = PoE checklist
claim-history = History
claim-choose-a-profile-to-act-on = Choose a profile to act on claims.
claim-your-role = Your role
claim-can-view-claims-but-not-change = can view claims but not change them.
claim-this-claim-belongs-to-another-partner = This claim belongs to another partner organisation,
claim-you-can-view-it-but-not = : you can view it but not change it.
claim-the-claim-was-submitted-for-review = The claim was submitted for review.
claim-submit-claim = Submit claim
claim-edit = Edit
claim-request-rejection = Request rejection…
claim-request-rejection-of-this-claim = Request rejection of this claim
claim-the-claim-is-rejected-as-partner = The claim is rejected as "Partner request" and cannot be disputed.
claim-request-rejection-2 = Request rejection
claim-you-can-dispute-this-rejection-until = You can dispute this rejection until
claim-justification-for-the-dispute = Justification for the dispute
claim-dispute = Dispute
claim-last-day = last day:
claim-a-claim-rejected-on-your-own = A claim rejected on your own request cannot be disputed.{ " " }
claim-this-claim-has-already-been-disputed = This claim has already been disputed; it cannot be disputed again.{ " " }
claim-you-can-start-again-with-a = You can start again with a new claim that copies these details (new proof of execution is needed).
claim-create-a-new-claim-from-this = Create a new claim from this one
claim-print = Print or save as PDF
claim-printed-on = Printed from CPOR Desk on { $date }.
claim-delete-draft = Delete draft…
claim-delete-draft-title = Delete this draft?
claim-delete-draft-text = The draft “{ $name }” and its documents are deleted from this browser. This cannot be undone.
claim-delete-draft-confirm = Delete draft
claim-draft-deleted = The draft “{ $name }” was deleted.
claim-deleted = Draft deleted

## claims

claims-action-required = action required
claims-overdue = overdue
claims-due-soon = due soon
claims-dispute-window-closing = dispute window closing
claims-domain = Domain
claims-status = Status
claims-location = Location
claims-next-deadline = Next deadline
claims-no-claims-yet-start-one-with = No claims yet. Start one with New claim.
claims-pages = Pages
claims-previous-page = Previous page
claims-next-page = Next page
claims-by-status = Claims by status
claims-needs-attention = Needs attention
claims-search-claims = Search claims
claims-claim-name-customer-domain-tenant-id = Claim name, customer, domain, tenant ID or product.
claims-any = Any
claims-due-within = Due within
claims-any-time = Any time
claims-competing-only = Competing only
claims-competing = competing
claims-sort-by = Sort by
claims-sort-descending = Reverse order

## claims-bulk

claims-bulk-export-csv = Export CSV
claims-bulk-export-deadlines-ics = Export deadlines (.ics)
claims-bulk-import-claims-from-csv = Import claims from CSV
claims-bulk-exports-cover-the-claims-the-list = Exports cover the claims the list shows (search and filters apply). CSV: one row per claim and product. Imported claims become drafts of your organisation.
claims-bulk-csv-import-check-before-importing = CSV import: check before importing
claims-bulk-findings-per-row = Findings per row
claims-bulk-row = Row
claims-bulk-column = Column
claims-bulk-code = Code
claims-bulk-message = Message
claims-bulk-error = Error:{ " " }
claims-bulk-warning = Warning:{ " " }
claims-bulk-claims-in-the-file = Claims in the file
claims-bulk-has-errors = : has errors

## comments

comments-no-comments-yet = No comments yet.
comments-add-a-comment = Add a comment
comments-add-comment = Add comment

## details

details-claim-id = Claim ID

## documents

documents-comment-for-the-document-optional = Comment for the document (optional)
documents-add-poe-document = Add PoE document
documents-or-drop-files-here-accepted-pdf = Or drop files here. Accepted: PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML, MSG, up to 20 MB each; the type is checked by the file's content.
documents-checking-and-storing = Checking and storing…
documents-error = Error
documents-name = Name
documents-type = Type
documents-size = Size
documents-added = Added
documents-comment = Comment
documents-actions = Actions
documents-the-template-could-not-be-made = The template could not be made.
documents-download-poe-template = Download PoE template
documents-a-word-document-docx-filled-in = A Word document (DOCX) filled in with this claim's partner, customer, tenant, products, activities and dates, with sign-off lines for the customer and for you. Have the customer complete the sign-off lines, then add the document here: the pre-check recognises it.
documents-preparing-the-template = Preparing the template…
documents-the-file-could-not-be-read = the file could not be read.
documents-the-download-could-not-be-started = The download could not be started
documents-the-file-s-content-is-not = the file's content is not stored in this browser.
documents-remove-title = Remove this document?
documents-remove-text = “{ $name }” is removed from the claim and its file is deleted from this browser.
documents-withdraw = Withdraw
documents-withdraw-title = Withdraw this document?
documents-withdraw-text = “{ $name }” is withdrawn from the claim and its file is deleted from this browser. The history shows the reviewer that you withdrew it. Add the document that answers the request, then submit the claim again.
documents-withdraw-hint = The reviewer asked for more information: you can withdraw a document they objected to and add a better one, then submit the claim again.
documents-stay-after-submission = Submitted documents stay with the claim: Microsoft reviews them as you sent them. You can add documents; if the reviewer asks for more information, you can withdraw one then.
documents-locked-in-status = Documents cannot be added or removed while the claim is { $status }.

## edit-form

edit-form-nothing-was-changed = Nothing was changed.
edit-form-locked-after-submission = Locked after submission.
edit-form-not-enrolled-in-incentives = { " " }(not enrolled in incentives)
edit-form-product = Product
edit-form-remove-product = Remove product
edit-form-add-product = Add product
edit-form-every-field-can-be-changed-while = Every field can be changed while the claim is a draft.
edit-form-after-submission-only-the-partner-location = After submission only the partner location, the products (with subscription IDs) and the contacts can change; the other fields are locked.
edit-form-save-changes = Save changes

## history

history-changed-fields = Changed fields
history-field = Field
history-before = Before
history-after = After

## inbox

inbox-customer-inbox = Customer inbox
inbox-simulation-you-act-as-the-customer = Simulation: you act as the customer contact named in each claim.
inbox-when-microsoft-approves-a-claim-the = When Microsoft approves a claim, the customer contact is told which partner is associated with their organisation and may deny consent. Revenue-association claims send no notice.
inbox-no-notices = No notices.
inbox-if-you-do-not-agree-you = If you do not agree, you can deny consent. The consent period's last day is
inbox-after-that-the-association-is-sent = After that the association is sent for incentive evaluation; you can still deny consent later.
inbox-if-you-do-not-agree-you-2 = If you do not agree, you can deny consent. The current policy has no consent period: the association is evaluated at once, and you can still deny consent at any time.
inbox-consent-denied = Consent denied
inbox-the-partner-association-will-not-be = The partner association will not be used for incentives.
inbox-the-consent-period-has-ended-and = The consent period has ended and the claim was sent for incentive evaluation. You can still deny consent.
inbox-from = From:
inbox-microsoft-partner-center-simulated = Microsoft Partner Center (simulated)
inbox-to = To:
inbox-cc = Cc:
inbox-the-office-admin-of = The Office admin of
inbox-the-global-administrators-of-the-customer = the global administrators of the customer's Microsoft 365 tenant
inbox-not-in-copy = Not in copy:
inbox-the-claiming-partner-is-not-in = the claiming partner is not in copy of this notice.
inbox-date = Date:
inbox-hello = Hello
inbox-has-been-recognised-by-microsoft-as = has been recognised by Microsoft as a partner of record for your organisation
inbox-tenant = tenant
inbox-for = for:
inbox-your-contact-at = Your contact at
inbox-your-organisation-has-a-microsoft-partner = Your organisation has a Microsoft partner of record
inbox-deny-consent = Deny consent
inbox-deny-consent-title = Deny consent?
inbox-deny-consent-text = { $partner } will no longer be recognised as your organisation's partner of record for these products: the association is not used for incentives. This cannot be undone.

## pages

pages-page-not-found = Page not found

## precheck

precheck-found = Found
precheck-not-found = Not found
precheck-unsure = Unsure
precheck-ticked-by-you = Ticked by you
precheck-check-by-hand = Check by hand
precheck-this-is-a-picture-so-there = This is a picture, so there is no text to read: check it by hand.
precheck-no-text-found-in-this-document = No text found in this document (a scanned image?): check it by hand.
precheck-this-pdf-is-password-protected-so = This PDF is password-protected, so it cannot be pre-checked. Check it by hand, and consider uploading a copy without a password: reviewers must be able to open it.
precheck-the-file-looks-damaged-or-incomplete = The file looks damaged or incomplete, so it cannot be pre-checked. Check that it opens, and upload it again.
precheck-the-document-s-file-is-not = The document's file is not stored in this browser (only its entry is), so it cannot be pre-checked.
precheck-only-pdf-docx-and-txt-documents = Only PDF, DOCX and TXT documents are pre-checked: tick the items by hand.
precheck-the-pre-check-stopped-on-this = The pre-check stopped on this document: check it by hand.
precheck-limited-pages = Only the first { $checked } of its { $total } pages were checked.
precheck-limited-text = It is long: only its first 5 MB of text were checked.
precheck-took-too-long = The pre-check took too long on this document: check it by hand.
precheck-technical-details = Technical details (for support)
precheck-checking-the-documents = Checking the documents…
precheck-every-checklist-item-is-met-a = Every checklist item is met: a reviewer would likely not ask for more proof.
precheck-nothing-could-be-pre-checked-tick = Nothing could be pre-checked: tick the items your documents show.
precheck-before-you-submit-a-reviewer-would = Before you submit: a reviewer would likely ask for
precheck-pre-check-summary = Pre-check summary
precheck-checking-the-document = Checking the document…
precheck-pre-check-a-reviewer-would-likely = Pre-check: a reviewer would likely ask for
precheck-see-the-poe-checklist-below = See the PoE checklist below.

## profile

profile = Profile
profile-choose-who-you-are-before-working = Choose who you are before working on claims. Two demo partner organisations are available, so competing claims can be tried.
profile-your-name = Your name
profile-enter-your-name = Enter your name.
profile-role = Role
profile-this-role-may-view-create-edit = This role may view, create, edit and submit claims.
profile-this-role-may-only-view-claims = This role may only view claims.
profile-use-this-profile = Use this profile

## review

review-desk = Review desk
review-simulation-you-act-as-the-microsoft = Simulation: you act as the Microsoft reviewer.
review-all-partner-organisations-claims-in-this = All partner organisations' claims in this browser that wait for a decision, and those waiting for the partner's answer (read only).
review-nothing-to-review = Nothing to review.
review-approved = Approved
review-start-review = Start review
review-approve = Approve
review-request-information = Request information…
review-reject = Reject…
review-waiting-for-the-partner-information-was = Waiting for the partner: information was requested. Nothing to do until they resubmit.
review-request-information-from-the-partner = Request information from the partner
review-reasons-at-least-one = Reasons (at least one)
review-comment-to-the-partner-optional = Comment to the partner (optional)
review-request-information-2 = Request information
review-reject-the-claim = Reject the claim
review-reject-claim = Reject claim
review-documents-and-comments = Documents and comments
review-documents = Documents
review-answer-the-dispute = Answer the dispute:
review-approve-the-claim-or-reject-it = approve the claim, or reject it again.
review-rejected-before-as = Rejected before as:
review-partner-s-justification = Partner's justification:
review-requested = Requested:
review-per-tenant-and-workload = — (per tenant and workload)
review-competing-claims-side-by-side = Competing claims side by side
review-this-claim = This claim
review-approve-this-claim-rejects-the-competing = Approve this claim (the competing ones lose the association)

## settings

settings = Settings
settings-general = General
settings-language = Language
settings-policy = Policy
settings-simulated-today = Simulated today
settings-the-app-acts-as-if-today = The app acts as if today were
settings-deadlines-and-automatic-transitions-follow-this = Deadlines and automatic transitions follow this date.
settings-the-real-date-is-used = The real date is used
settings-use-the-real-date = Use the real date
settings-directory = Directory
settings-storage-persistent = This browser keeps your data for good: it will not delete it when disk space runs low.
settings-storage-not-persistent = This browser has not agreed to keep your data for good: it may delete it when disk space runs low, or after weeks without a visit (Safari). Export your data regularly, or install the app.
settings-storage-used = { $used } used of { $quota } available to this app.
settings-where-domain-and-tenant-facts-come = Where domain and tenant facts come from
settings-demo-directory-built-in-contoso-fabrikam = Demo directory (built in: Contoso, Fabrikam; works offline)
settings-online-lookup-public-openid-discovery-document = Online lookup (public OpenID discovery document)
settings-authority-url = Authority URL
settings-the-tenant-of-a-domain-is = The tenant of a domain is read from { "{" }authority{ "}" }/{ "{" }domain{ "}" }/v2.0/.well-known/openid-configuration. When the lookup fails (offline, blocked), enter the tenant ID by hand: it is then checked for format only.
settings-exported-everything-to = Exported everything to
settings-kept-this-browser-s-newer-copy = Kept this browser's newer copy of:
settings-your-data = Your data
settings-memory-only-not-kept = memory only (not kept)
settings-claims-and-documents-are-stored-in = Claims and documents are stored in this browser:
settings-claims = Claims:
settings-export-all-data = Export all data
settings-import-data-from-an-export-file = Import data from an export file
settings-claims-that-are-newer-in-this = Claims that are newer in this browser are kept, never overwritten; unreadable entries go to quarantine.
settings-remove-this-unreadable-record-for-good = Delete this record for good? Download it first if you may need it.
settings-quarantined-records = Quarantined records
settings-none-every-stored-record-could-be = None: every stored record could be read.
settings-these-stored-records-could-not-be = These stored records could not be read. They are kept here, not dropped: download them to repair or report them.
settings-import-limits = An export file can be at most 100 MB, with at most 100,000 claims; documents at most 20 MB each. Each claim is checked as the wizard checks it, and one that fails goes to the quarantine below, not into your claims. Documents keep the type their content shows.
settings-import-too-large = This file is { $size }: an export file can be at most 100 MB (with at most 100,000 claims). Nothing was imported.
settings-import-reading = Reading, checking and saving the file: { $done } of { $total } read, { $saved } { $saved ->
        [one] claim
       *[other] claims
    } saved so far (undone if you cancel).
settings-import-progress = Import progress
settings-import-saving = Saving…
settings-import-cancel = Cancel import
settings-import-cancelled = Import cancelled: nothing was imported.
settings-import-kept-documents = Kept this browser's copy, because the file's copy lacks some of its documents:
settings-import-document-conflicts = Kept this browser's document, because the file has other bytes under the same ID:
settings-import-documents-refused = Documents not imported (not an accepted type by their content, empty, over 20 MB, or unreadable):
settings-import-refused = Claims put in quarantine because they fail the checks:
settings-delete-this-claim = Delete this claim
settings-clear-all-data = Clear all data
settings-clear-all-explain = Deletes every claim, document and quarantined record in this browser, and your profile, settings and wizard draft, for example on a shared computer.
settings-clear-all-confirm = Delete everything CPOR Desk keeps in this browser? This cannot be undone. Export your data first if you may need it.
settings-clear-all-export-first = Export all data first
settings-clear-all-yes = Delete everything
settings-cleared = All data of CPOR Desk in this browser was deleted.

## shell

shell-framed = CPOR Desk does not run inside another page. Open it in its own tab.
shell-skip-to-content = Skip to content
shell-opening-your-claims = Opening your claims…
shell-opening-the-page = Opening the page…
shell-page-did-not-load = This page did not load
shell-page-did-not-load-detail = Part of CPOR Desk could not be downloaded; the connection may have dropped. Your claims are safe in this browser. Check your connection and try again.
shell-page-try-again = Try again
shell-your-data-stays-in-this-browser = Your data stays in this browser. Review desk and Customer inbox are simulations for trying the whole process.
shell-signed-in-as = Signed in as
shell-main = Main
shell-menu = Menu
help = Help

## help (src/app/pages/help.rs)

help-intro = A short guide to CPOR claims and to this app.
help-what-is-cpor = What CPOR is
help-what-is-cpor-text = Claiming Partner of Record (CPOR) is how a Microsoft partner organisation asks to be recorded as the partner that drives a customer's purchase or use of certain Microsoft products. You file a claim for the customer's tenant and the products you work on, and back it with proof of execution (PoE): documents that show your work. Microsoft reviews the claim and approves or rejects it.
help-areas-and-roles = Two solution areas can be claimed, each with its own partner roles (the kind of work you claim):
help-process = The process and its deadlines
help-step-draft = New claim: the wizard checks the details and stores the claim as a draft (Editing). Add your PoE documents on the claim page, then submit the claim. A draft you no longer need can be deleted.
help-step-submitted = Submitted: Microsoft starts the review within { $days }.
help-step-under-review = Under review: Microsoft decides within { $days }.
help-step-action-required = Partner action required: the reviewer asks for more information. You have { $days } to answer: add documents (or withdraw one the reviewer objected to), change what may still change, and submit the claim again. Without an answer the claim is rejected automatically.
help-step-approved = Approved: the customer contact receives a consent notice and can deny consent within { $days } (the consent period). After that the claim is sent for incentive evaluation.
help-step-approved-no-consent-period = Approved: the claim is sent for incentive evaluation at once. The customer contact can still deny consent at any time.
help-step-rejected = Rejected: you can dispute the decision { $disputes ->
        [one] once
       *[other] up to { $disputes } times
    }, within { $days }.
help-step-disputed = Microsoft answers a dispute within { $days }. After the dispute window, start a new claim with updated proof of execution.
help-business-days = Business days are Monday to Friday, without the holidays of the policy in use ({ $policy }, chosen in Settings). Each claim page shows its open deadline and the days left.
help-good-poe = What a good proof of execution has
help-good-poe-intro = Reviewers look for five things in your documents:
help-good-poe-dates = Dates more than { $months } before the claim count as old: show recent milestones or signatures.
help-good-poe-tools = On the claim page, the pre-check reads PDF, DOCX and TXT documents in your browser and shows what it found for each item, and Download PoE template gives a Word document with the claim's details and sign-off lines for the customer. Accepted files, up to 20 MB each: PDF, DOCX, DOC, XLSX, PPTX, PNG, JPEG, TXT, EML and MSG.
help-your-data = Where your data is kept
help-your-data-where = Everything stays in this browser: claims and their documents in the browser's storage (IndexedDB, or localStorage where IndexedDB is not available); your profile, settings and wizard draft in localStorage. Nothing is sent to a server. Only the online lookup, when you choose it in Settings, asks Microsoft's public directory which tenant a domain belongs to.
help-your-data-move = Another browser or device does not see your claims. Export all data (Settings) makes a file you can import elsewhere or keep as a backup. Clearing this site's data in the browser deletes everything.

## state

state-the-claim-is-not-ready = The claim is not ready:
state-choose-a-profile-first = Choose a profile first.
state-indexeddb-is-not-available-so-claims = IndexedDB is not available, so claims are kept in localStorage (smaller).
state-no-browser-storage-is-available-nothing = No browser storage is available: nothing will be kept after this tab closes. Export your work before closing.

## status-diagram

status-diagram-only-if-the-reviewer-asks-for = only if the reviewer asks for more information; resubmit from here
status-diagram-sent-for-incentive-evaluation = sent for incentive evaluation
status-diagram-by-the-reviewer-on-the-partner = by the reviewer, on the partner's request, or with no partner response
status-diagram-the-customer-contact-denied-consent = the customer contact denied consent
status-diagram-the-partner-disputed-a-rejection = the partner disputed a rejection
status-diagram-current-status = (current status)
status-diagram-claim-status = Claim status
status-diagram-usual-path = Usual path
status-diagram-other-outcomes = Other outcomes

## sync (team sync: settings, header indicator, claim marks and conflicts)

sync-title = Team sync
sync-intro = Share your organisation's claims with your colleagues through your organisation's CouchDB server. Every claim stays in this browser too, so the app keeps working offline and sends your changes when the server can be reached.
sync-needs-profile = Choose a profile first: team sync belongs to the profile's partner organisation.
sync-needs-indexeddb = Team sync needs IndexedDB, which this browser does not offer here (see "Your data" below).
sync-is-on = Team sync is on.
sync-is-off = Team sync is off.
sync-server-address = Server address
sync-server-address-help = For example https://couch.example.com (http:// only for a server on this computer). The server must allow this site (CORS), or be reached through the same site (a reverse proxy).
sync-database = Database
sync-database-help = One database per partner organisation; the proposed name is cpor- followed by the organisation's id.
sync-sign-in-with = Sign in with
sync-user-and-password = User name and password
sync-token = A token (JWT) from your organisation's sign-in
sync-user-name = User name
sync-password = Password
sync-token-field = Token
sync-credentials-kept = The user name and password, or the token, are kept in this browser's storage (IndexedDB) until you sign out. Anyone who can use this browser profile can read them: sign out on a shared computer.
sync-server-limits = Server limits
sync-limits-couchdb = Apache CouchDB: PoE files up to 20 MB
sync-limits-cloudant = IBM Cloudant: PoE files up to 10 MB (and 1 MB per claim)
sync-test-connection = Test connection
sync-turn-on = Turn on sync
sync-turn-off = Turn off sync
sync-sign-out = Sign out
sync-testing = Testing the connection…
sync-connected = Connected: the server is CouchDB, the sign-in works and the database { $database } can be read.
sync-turned-on = Team sync is on: your claims are shared with the database's other members.
sync-turned-off = Team sync is off. Your claims stay in this browser; changes are sent when you turn it on again.
sync-signed-out = Signed out: the password or token is no longer stored, and sync is off.
sync-problem-url-missing = Enter the server address.
sync-problem-url-invalid = The server address must look like https://couch.example.com (no user name, query or fragment).
sync-problem-url-insecure = Use https:// for a server on another computer: with http:// the password would travel unencrypted.
sync-problem-database-invalid = The database name must start with a lowercase letter and use only a–z, 0–9 and _ $ ( ) + / -.
sync-problem-credentials-missing = Enter a user name and password, or a token.
sync-error-unreachable = The sync server cannot be reached: check the address and your network.
sync-error-unauthorized = The server refused the sign-in (401): check the user name and password, or the token, in Settings.
sync-error-forbidden = Your account may not use this database (403): ask your organisation's CouchDB administrator for access.
sync-error-not-couchdb = The address does not answer as a CouchDB server: check the server address.
sync-error-database-missing = The database does not exist on the server: check its name, or ask the administrator to create it with the provisioning command.
sync-error-server = The sync server answered with an error.
sync-error-protocol = The sync server sent an answer that could not be read.
sync-error-timeout = The sync server did not answer in time.
sync-error-refused = The server refused a change.
sync-error-config = The team sync settings are not complete: see Settings.
sync-error-local = This browser's storage failed while syncing.
sync-indicator-starting = Starting sync…
sync-indicator-syncing = Syncing…
sync-indicator-up-to-date = Synced
sync-indicator-offline = Offline
sync-indicator-error = Sync stopped:
sync-indicator-retrying = Sync tries again by itself.
sync-indicator-settings = Team sync settings
sync-try-again = Try again
sync-not-sent = Not sent yet
sync-not-sent-count = { $n ->
        [one] 1 change not sent yet
       *[other] { $n } changes not sent yet
    }
sync-conflict-tag = Sync conflict
sync-conflict-title = A colleague changed the same fields of this claim
sync-conflict-intro = Both versions changed the fields below. Choose for each field which version to keep, then save: the result is checked like any edit and sent to your colleagues.
sync-conflict-field = Field
sync-conflict-before = Before
sync-conflict-mine = Yours
sync-conflict-theirs = Theirs (on the server)
sync-conflict-keep-mine = Keep mine
sync-conflict-keep-theirs = Keep theirs
sync-conflict-locked = (the other version moved the claim to { $status }, where this field is locked)
sync-conflict-save = Save the chosen versions
sync-conflict-whole-claim = The whole claim
sync-conflict-removed = (removed)
sync-conflict-resolved = The conflict is resolved; your choice is sent to your colleagues.
sync-conflict-deleted-by-colleague = A colleague deleted this claim while you edited it
sync-conflict-deleted-here = This claim was deleted here while a colleague edited it
sync-conflict-delete-choice = Keep the claim with the edits, or delete it?
sync-conflict-keep-it = Keep it
sync-conflict-delete-it = Delete it

## timeline

timeline-open-deadlines = Open deadlines
timeline-no-open-deadline = No open deadline.
timeline-overdue = Overdue
timeline-status-changes = Status changes
timeline-every-change-is-in-history = Every change, with who made it and when, is listed under History.

## wizard

wizard-solution-area-and-partner-role = Solution area and partner role
wizard-subscriptions = Subscriptions
wizard-contacts-and-claim-name = Contacts and claim name
wizard-review = Review
wizard-discard-this-draft-and-start-over = Discard this draft and start over?
wizard-start-over = Start over
wizard-your-role-may-only-view-claims = Your role may only view claims. Choose a Global admin, Billing admin, Incentives admin or Incentives user profile to create one.
wizard-your-draft-is-saved-in-this = Your draft is saved in this browser as you type.
wizard-steps = Steps
wizard-please-correct-the-fields-marked-as = Please correct the fields marked as errors before you continue.
wizard-back = Back
wizard-continue = Continue
wizard-do-not-pick-revenue-association-influenced = Do not pick “{ $role }” if you want incentives: revenue association pays none.
wizard-show-only-locations-enrolled-in-incentives = Show only locations enrolled in incentives
wizard-not-enrolled = { " " }– not enrolled
wizard-looking-up-the-tenant-of = Looking up the tenant of
wizard-the-tenant-of-the-domain-is = The tenant of the domain is looked up online when you leave the field.
wizard-the-directory-says = The directory says{ " " }
wizard-belongs-to-tenant = { " " }belongs to tenant{ " " }
wizard-use-this-tenant-id = Use this tenant ID
wizard-the-directory-lists-these-subscriptions-of = The directory lists these subscriptions of this product on the tenant; choose one to fill it in:
wizard-use-subscription = Use subscription
wizard-the-partner-contact-is-named-in = The partner contact is named in the consent email the customer receives.
wizard-change = Change
wizard-these-must-be-corrected-before-the = These must be corrected before the claim can be created:
wizard-warnings-they-do-not-block = Warnings (they do not block):
wizard-the-claim-is-stored-in-status = The claim is stored in status Editing. You add proof of execution and submit it from the claim page.
wizard-create-claim = Create claim

## Rules: next steps, notices, arbitration and calendars
notice-review-started = Review started
notice-info-requested = Information requested: { $reasons }
notice-approved = Approved
notice-rejected = Rejected: { $reason }
notice-consent-denied = The customer denied consent
notice-consent-period-ended = Consent period ended: sent for incentive evaluation
notice-association-ended = Association ended for { $products }: another partner's claim was approved
notice-comment = New comment from Microsoft
wizard-domain-that-will-be-claimed = The claim will be for the domain:
wizard-tenant-id-that-will-be-stored = The tenant ID will be stored as:
wizard-the-directory-knows-the-registered-domain = The directory does not know this domain, but it knows { $domain }, the customer's registered domain it belongs under. Claims are for the registered domain.
wizard-use-domain = Use { $domain }
wizard-only-select-products-you-are-engaged-with = Only select products you are actively working on with this customer; others may get the claim rejected or delayed.
wizard-the-only-subscription-is-used = The customer has one subscription of this product; it is used for the claim.
wizard-where-the-customer-finds-the-subscription-id = The customer finds the subscription ID in the Microsoft 365 admin center under Billing › Your products: select the subscription; its ID is on its page.
confirm-warnings-title = Go ahead with these warnings?
confirm-warnings-intro = The checks found these warnings. They do not stop the claim, but a reviewer may ask about them or reject the claim.
confirm-warnings-go-back = Go back
confirm-create-anyway = Create the claim anyway
confirm-submit-anyway = Submit anyway
documents-poe-guidance = Proof of execution is usually a statement of work (SOW), a master agreement or a purchase order. Reviewers look for the customer's signature or acknowledgement, the claimed products with the work planned or under way, the activities that drive revenue or usage, both organisations' names, and clear dates (milestones and signature dates).
next-respond-reasons = The reviewer asked for more information: { $reasons }.
next-reviewer-comment = The reviewer's comment: “{ $comment }”
next-respond-how = Respond by { $date }: change the claim or add proof of execution, then submit the claim again. A comment alone is not a response: without a new submission the claim is rejected after that day.
next-respond-how-undated = Change the claim or add proof of execution, then submit the claim again. A comment alone is not a response.
next-rejected = Rejected: { $reason }.
next-approved = Approved: your organisation is now associated with this customer for the claimed products. Approval is this association, not a payment.
next-approved-consent = The customer can deny consent until { $date }. After that the claim is sent for incentive evaluation, and the incentive program decides whether it earns incentives.
next-approved-no-consent = The claim is sent for incentive evaluation; the incentive program decides whether it earns incentives.
next-sent-for-evaluation = The consent period has ended and the claim was sent for incentive evaluation. Approval is the association with the customer; whether it earns incentives is decided by the incentive program.
next-consent-denied = The customer denied consent, so the association is not recorded. Nothing more can be done on this claim. If the customer later agrees to work with you on these products, start a new claim with new proof of execution.
next-subscription-ended = The directory reports subscription { $subscription } ({ $product }) as { $status }. A subscription gets a new ID when it expires, and the claim does not move to it: ask the customer for the new subscription's ID and create a new claim for it.
next-association-ended = Another partner's claim for { $products } at this customer was approved. Only one partner can be associated with a product or subscription, so your association for them ended.
subscription-status-active = active
subscription-status-in-grace = in grace
subscription-status-expired = expired
subscription-status-disabled = disabled
subscription-status-suspended = suspended
subscription-status-unknown = not active
support-link = Contact support
claim-checks-before-submitting = The checks Submit runs, as the claim stands now:
claim-dispute-with-text-or-documents = Give a business justification, updated proof of execution, or both.
claim-updated-poe-for-the-dispute = Updated proof of execution (optional)
comments-a-comment-is-not-a-response = A comment alone is not a response to the request for information: change the claim or add proof of execution, then submit the claim again.
comment-note-competing-review = Another partner holds or claims the same customer and product. Microsoft reviews both partners' proof of execution and may ask both for more information, so this review can take longer than five business days.
comment-note-association-ended = Another partner's claim for { $products } at this customer was approved. Only one partner can be associated with a product or subscription, so this claim's association for them ended.
claim-association-ended = Association ended (another partner's claim approved):
claim-dispute-documents = Documents:
review-association-moved-from = The association moved from:
notices-title = Notices
notices-since-your-last-visit = Changes to your organisation's claims since your last visit ({ $since }).
notices-nothing-new = Nothing new since your last visit.
notices-mark-all-as-read = Mark all as read
notices-how = Notices come from the claims' history: Microsoft's decisions and comments, the customer's answer and the deadlines that pass. You can also get a browser notification while the app is open (Settings).
notices-new = { $n ->
        [one] new notice
       *[other] new notices
    }
notices-browser-title = CPOR Desk: a claim changed
settings-holiday-calendar = Holiday calendar
settings-holiday-calendar-help = Business-day deadlines skip weekends and these holidays.
settings-support-link = Support link
settings-support-link-invalid = Enter a full web address that starts with https:// (or http://).
settings-support-link-help = Shown in Help and next to the messages that may need support. Empty: Partner Center support ({ $url }).
settings-browser-notifications = Show a browser notification when a claim changes while the app is open
settings-browser-notifications-help = For example when a colleague's change arrives through team sync. The browser asks for permission first; nothing is sent to a server.
settings-notifications-denied = The browser did not allow notifications. You can allow them for this site in the browser's settings.
settings-notifications-unsupported = This browser cannot show notifications.
settings-notifications-not-granted = Notifications are on, but the browser does not allow them for this site at the moment.

## Field labels and navigation

claims = Claims
customer-contact-name = Customer contact name
customer-contact-email = Customer contact email
customer-contact-phone-optional = Customer contact phone (optional)
partner-contact-name = Partner contact name
partner-contact-email = Partner contact email
partner-contact-phone-optional = Partner contact phone (optional)
partner = Partner
subscription = Subscription

## Claim statuses, reasons and roles

checklist-item-acknowledgement = Customer signature or proof of customer acknowledgement
checklist-item-products = Claimed products/workloads named, with the intended or ongoing work
checklist-item-activities = Activities that drive revenue or usage stated explicitly
checklist-item-names = Partner's and customer's names clearly visible
checklist-item-dates = Dates shown clearly and not old
partner-request-wrong-mpn = Wrong MPN ID
partner-request-wrong-activity = Wrong activity (partner role)
partner-request-no-longer-working-with-customer = No longer working with the customer
reject-reason-insufficient-poe = Insufficient PoE
reject-reason-missing-customer-consent-in-poe = Missing customer consent in PoE
reject-reason-missing-products = Missing products
reject-reason-poe-not-available = PoE not available
reject-reason-competing-claim = Competing claim
reject-reason-partner-request = Partner request
reject-reason-no-partner-response = No partner response
info-reason-missing-all-poe = Missing all PoE
info-reason-missing-customer-acknowledgement = Missing customer acknowledgement
info-reason-missing-or-old-dates = Missing or old dates
info-reason-missing-partner-solution = Missing partner solution/service
info-reason-missing-products = Missing products
status-draft = Editing
status-submitted = Submitted
status-under-review = Under review
status-partner-action-required = Partner action required
status-approved = Approved
status-consent-period-ended = Consent period ended
status-rejected = Rejected
status-customer-consent-denied = Customer consent denied
status-disputed = Disputed
user-role-global-admin = Global admin
user-role-billing-admin = Billing admin
user-role-incentives-admin = Incentives admin
user-role-incentives-user = Incentives user
user-role-account-admin = Account admin (view only)
user-role-referrals-admin = Referrals admin (view only)
user-role-user-management-admin = User management admin (view only)
deadline-review-start = Review starts
deadline-review-decision = Review decision
deadline-partner-response = Your response is due
deadline-consent-period = Customer consent period ends
deadline-dispute-window = Dispute window closes
deadline-dispute-answer = Answer to the dispute
deadline-consequence-partner-response = The claim is rejected automatically (No partner response).
deadline-consequence-consent-period = The claim is sent for incentive evaluation.
deadline-consequence-dispute-window = After this, create a new claim with updated proof of execution.
deadline-consequence-service-level = Microsoft's service level; no automatic action.
deadline-due-today = due today
deadline-business-days-left = { $n ->
        [one] { $n } business day left
       *[other] { $n } business days left
    }
deadline-days-left = { $n ->
        [one] { $n } day left
       *[other] { $n } days left
    }
deadline-overdue-business-days = { $n ->
        [one] overdue by { $n } business day
       *[other] overdue by { $n } business days
    }
deadline-overdue-days = { $n ->
        [one] overdue by { $n } day
       *[other] overdue by { $n } days
    }
actor-partner = Partner
actor-reviewer = Microsoft reviewer
actor-customer = Customer
actor-system = CPOR Desk (automatic)

## Online directory lookup

openid-bad-authority = the directory address "{ $authority }" is neither an http(s) address nor a path on this site
openid-bad-domain = "{ $domain }" is not a domain name
openid-network = no answer from the directory, perhaps offline or blocked by the browser{ $detail }
openid-timeout = the directory did not answer in time
openid-unknown-domain = the directory does not know this domain (HTTP 400)
openid-status = the directory answered with HTTP status { $status }
openid-not-json = the answer is not a JSON discovery document
openid-no-issuer = the answer names no issuer
openid-no-tenant = the issuer in the answer holds no tenant ID
openid-lookup-failed = Could not look up the tenant online ({ $detail }). Enter the tenant ID by hand; it is checked for format only.

## PoE template (DOCX)

template-title = Proof of execution: statement of work
template-intro = This document describes the work that { $partner } carries out for { $customer } on the Microsoft products listed below. It is the proof of execution for the Claiming Partner of Record (CPOR) claim “{ $claim }”.
template-parties = Parties
template-partner = Partner
template-location = PartnerID (MPN ID)
template-partner-contact = Partner contact
template-customer = Customer
template-domain = Customer domain
template-tenant = Customer tenant ID
template-customer-contact = Customer contact
template-claim = CPOR claim
template-role = Partner role
template-products = Products and workloads
template-subscription = subscription
template-activities = Activities
template-activity = { $partner } will deploy and configure { $products } for { $customer }, run onboarding and training workshops for the customer’s users, and support adoption after go-live.
template-details = Further details of the work (milestones, deliverables): ____________________
template-dates = Dates
template-document-date = Date of this document
template-claim-created = Claim created
template-work-start = Work started
template-go-live = Go-live (planned or done)
template-sign-off = Sign-off
template-confirm = { $customer } confirms that { $partner } carries out the work described in this document.
template-signature = Signature
template-name = Name
template-date = Date
template-not-set = (not set)
template-file-stem = PoE template
template-and = and

## Messages with numbers

state-claim-not-found = Claim { $id } was not found in this browser.
state-document-not-stored = { $name } was not added: { $reason } The claim is unchanged: add the file again.
storage-conflict = This claim was changed in another tab or by another user. Your change was not saved and nothing was overwritten.
storage-quota-exceeded = The browser's storage is full ({ $detail }). Your change is kept on this page: free some space (export and remove old claims) and try again.
storage-unavailable = Browser storage is not available ({ $detail }).
storage-corrupt = A stored record could not be read ({ $detail }). It is kept in quarantine (Settings).
storage-import = The file cannot be imported: { $detail }.
storage-backend = Saving failed ({ $detail }).
claims-showing = { $total ->
        [0] No claims match.
        [one] Showing { $total } claim
       *[other] Showing { $from }–{ $to } of { $total } claims
    }
claims-page-of = Page { $page } of { $pages }
claims-business-days = { $n ->
        [one] { $n } business day
       *[other] { $n } business days
    }
bulk-exported-csv = { $count ->
        [one] Exported { $count } claim to CSV.
       *[other] Exported { $count } claims to CSV.
    }
bulk-exported-ics = { $count ->
        [one] Exported { $count } open deadline to iCalendar.
       *[other] Exported { $count } open deadlines to iCalendar.
    }
bulk-imported-drafts = { $count ->
        [one] Imported { $count } claim as a draft.
       *[other] Imported { $count } claims as drafts.
    }
bulk-imported-some-failed = Imported { $count ->
        [one] { $count } claim
       *[other] { $count } claims
    }; { $failed } could not be stored: { $reasons }
bulk-more-claims = …and { $count } more { $count ->
        [one] claim, chosen when it can be imported
       *[other] claims, chosen when they can be imported
    } (not listed).
bulk-more-findings = …and { $count } more { $count ->
        [one] finding
       *[other] findings
    } (not listed).
bulk-rows-read = { $rows ->
        [one] { $rows } row read
       *[other] { $rows } rows read
    }: { $importable ->
        [one] { $importable } claim can be imported
       *[other] { $importable } claims can be imported
    }, { $blocked } { $blocked ->
        [one] has errors and cannot.
       *[other] have errors and cannot.
    }
bulk-rows = { $count ->
        [one] { " " }(row { $rows })
       *[other] { " " }(rows { $rows })
    }
bulk-no-open-deadlines = { $count ->
        [one] The claim shown has no open deadline
       *[other] None of the { $count } claims shown has an open deadline
    }: there is nothing to put in a calendar, so nothing was downloaded.
bulk-csv-too-large = This file is { $size }: a CSV file can be at most 20 MB, with at most 20,000 rows. Nothing was imported.
bulk-csv-reading = Reading and checking the file: { $percent } %
bulk-csv-cancelled = Import cancelled: nothing was imported.
bulk-csv-limits = A CSV file can be at most 20 MB, with at most 20,000 rows. The file starts with a byte-order mark so Excel shows every letter right; labels in your language stand next to the codes. A cell that starts with =, +, -, @ or a tab gets a leading ' so a spreadsheet shows it as text (a phone number shows as '+46 …); the import removes it again.
bulk-import-selected = { $count ->
        [one] Import { $count } selected claim
       *[other] Import { $count } selected claims
    }
settings-imported = Imported: { $added } new, { $updated } updated, { $unchanged } unchanged { $unchanged ->
        [one] claim
       *[other] claims
    }; { $documents } { $documents ->
        [one] document
       *[other] documents
    }; { $quarantined } quarantined { $quarantined ->
        [one] record
       *[other] records
    }.
precheck-checked-pages = Pre-checked in your browser ({ $pages } { $pages ->
        [one] page
       *[other] pages
    }).
precheck-unread-documents = { $count } { $count ->
        [one] document
       *[other] documents
    } could not be pre-checked: tick their items by hand.
precheck-on-page = { " " }(page { $page })
size-bytes = { $bytes ->
        [one] { $bytes } byte
       *[other] { $bytes } bytes
    }
size-decimal = { $value } { $unit }
decimal-separator = .
## Bulk CSV/ICS (src/domain/bulk/): the iCalendar event's description labels

bulk-ics-customer = Customer
bulk-ics-status = Status

## PoE evidence notes (src/domain/poe/notes.rs): what the pre-check found
## or missed in a document, next to each checklist item. The embeddable
## module returns them in English.

poe-note-partner-name = partner name: { $name }
poe-note-customer-name = customer name: { $name }
poe-note-customer-domain-only = customer domain name "{ $label }" only (weak)
poe-note-missing = missing: { $list }
poe-missing-partner-name = partner name ({ $name })
poe-missing-partner-name-unset = partner name (not set on the claim)
poe-missing-customer-name = customer name ({ $name })
poe-missing-customer-name-unset = customer name (not set on the claim)
poe-note-no-products = the claim has no products
poe-note-activity = activity: { $activity }
poe-note-activity-near = activity: { $activity } near { $product }
poe-note-one-activity = only one activity term, not near a claimed product: describe the work explicitly
poe-note-no-activity = no activity wording found
poe-note-date = { $date } ({ $age })
poe-note-date-or = { $date } ({ $age }; or { $other } read month/day)
poe-note-too-old = newest date { $date } is older than { $limit } ({ $age })
poe-note-old-key-dates = signature and effective dates { $dates } are older than { $limit } (the newest { $age }); only other dates, such as milestones, are recent
poe-note-only-future = { $date } ({ $age }): only dates more than a year ahead
poe-note-ambiguous-date = ambiguous date: { $date } (day/month) or { $other } (month/day) changes the verdict
poe-note-ambiguous-dates = ambiguous dates
poe-note-no-dates = no dates found
poe-note-signed = "{ $word }" with { $context } on the { $line }
poe-signed-with-date = a date
poe-signed-with-contact-name = the customer's or a contact's name
poe-signed-with-name = a name
poe-signed-with-customer-word = the word customer
poe-signed-on-same-line = same line
poe-signed-on-next-line = next line
poe-note-unsigned-alone = "{ $word }": signature word without a name, date or customer nearby
poe-note-unsigned-blank = "{ $word }": blank signature field
poe-note-unsigned-pending = "{ $word }": signature still to be given
poe-note-no-signature = no signature or acknowledgement wording found
poe-months = { $n ->
        [one] { $n } month
       *[other] { $n } months
    }
poe-days = { $n ->
        [one] { $n } day
       *[other] { $n } days
    }
poe-age-old = { $amount } old
poe-age-ahead = { $amount } ahead
poe-age-before-claim = { $amount } before the claim
poe-age-after-claim = { $amount } after the claim

## PoE activities (the concepts of the pre-check's activity words). The
## last three are Swedish concepts, reported by their Swedish names.

poe-activity-deployment = deployment
poe-activity-implementation = implementation
poe-activity-migration = migration
poe-activity-configuration = configuration
poe-activity-rollout = rollout
poe-activity-adoption = adoption
poe-activity-training = training
poe-activity-workshop = workshop
poe-activity-onboarding = onboarding
poe-activity-pilot = pilot
poe-activity-proof-of-concept = proof of concept
poe-activity-go-live = go-live
poe-activity-support = support
poe-activity-managed-service = managed service
poe-activity-installation = installation
poe-activity-integration = integration
poe-activity-introduction = införande
poe-activity-management = förvaltning
poe-activity-usage = användning

precheck-names-unclear = The partner's and the customer's names are not both clear in the documents. A reviewer needs to find both organisations' names: check that they are written out.

## Help texts (rules)
help-approved-title = What “Approved” means
help-approved = Approval records your organisation as the customer's partner for the claimed products or subscriptions: it is the association, not a payment. After Microsoft approves, the customer has a consent period in which to deny the association. When it has passed, the claim is sent for incentive evaluation, and the incentive program's own requirements decide whether, and what, it earns. The program guide describes those requirements.
help-subscription-id-title = Where the customer finds the subscription ID
help-subscription-id = In the Microsoft 365 admin center, under Billing › Your products, the customer selects the subscription; its page shows the subscription ID. When a subscription expires it is replaced by one with a new ID, and a new claim with the new ID is needed. After the customer provisions a subscription it can take up to seven days before it can be claimed, and never less than 48 hours after activation.
help-location-title = A partner location that is not enrolled
help-location = A claim for a partner location (MPN ID) that is not enrolled in an incentive program earns no incentives. Your organisation's global admin can enrol the location in Incentives in Partner Center.
help-support-title = Support
help-support = When checking the details with the customer has not solved a problem, for example a subscription that cannot be claimed, contact support. The link leads to Partner Center support unless your organisation set another one in Settings.
help-support-link = Open support
