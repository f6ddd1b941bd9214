/** A validation result (docs/rules.md#findings). */
export interface Finding {
  /** The field, as a path in the claim JSON: "tenantId", "products[0].subscriptionId", "customerContact.email". */
  field: string;
  /** Stable code, e.g. "tenant.format". */
  code: string;
  severity: "error" | "warning";
  /** Human text in the requested locale. */
  message: string;
}

export type Locale = "en" | "sv";

export interface FieldOptions {
  locale?: Locale;
  /** The claim's tenant ID, so a pasted tenant ID is recognised in subscriptionId. */
  tenantId?: string;
}

export interface ClaimOptions {
  locale?: Locale;
  /** Check tenant ↔ domain and subscriptions: "demo" for the built-in demo directory, or a Directory. */
  directory?: "demo" | Directory;
  /** ISO 8601 timestamp with offset, for time-dependent checks (subscription activation). */
  now?: string;
  /** A built-in policy id ("seeds-2021", "published-2024") or a Policy object. */
  policy?: string | Policy;
}

export type Status =
  | "draft" | "submitted" | "under_review" | "partner_action_required" | "approved"
  | "consent_period_ended" | "rejected" | "customer_consent_denied" | "disputed";

export type SolutionArea = "business_applications" | "modern_work_security";
export type PartnerRole = "build_intent_advisor" | "usage_recognition" | "influenced_revenue" | "use_or_consume";
export type UserRole =
  | "global_admin" | "billing_admin" | "incentives_admin" | "incentives_user"
  | "account_admin" | "referrals_admin" | "user_management_admin";

export interface Contact { name: string; email: string; phone?: string }

export interface ProductLine {
  /** Catalog product id, e.g. "d365_sales", "teams". */
  product: string;
  /** Business Applications only. */
  subscriptionId?: string;
}

export type ChecklistItem = "acknowledgement" | "products" | "activities" | "names" | "dates";

export interface DocumentRef {
  id: string;
  name: string;
  size: number;
  /** Type judged from the content: "pdf", "docx", "doc", "xlsx", "pptx", "png", "jpeg", "txt", "eml", "msg". */
  kind: string;
  comment?: string;
  addedAt?: string | null;
  checklist?: Partial<Record<ChecklistItem, boolean>>;
}

export type Actor =
  | { kind: "partner"; orgId: string; role: UserRole; name?: string }
  | { kind: "reviewer"; name?: string }
  | { kind: "customer"; name?: string }
  | { kind: "system" };

export interface HistoryEntry {
  /** UTC ISO timestamp. */
  at: string;
  actor: Actor;
  action: { type: string; [key: string]: unknown };
  from?: Status;
  to?: Status;
  changes?: { field: string; before: unknown; after: unknown }[];
}

/**
 * The claim of docs/rules.md#claim, as the app exports it. Every field is optional on
 * input; a missing field validates as empty.
 */
export interface Claim {
  id?: string;
  name?: string;
  solutionArea?: SolutionArea | null;
  partnerRole?: PartnerRole | null;
  partnerOrg?: { id: string; name: string };
  /** MPN ID / PartnerID. */
  partnerLocation?: string;
  customerName?: string;
  customerDomain?: string;
  tenantId?: string;
  products?: ProductLine[];
  customerContact?: Contact;
  partnerContact?: Contact;
  documents?: DocumentRef[];
  comments?: { at: string; actor: Actor; text: string }[];
  history?: HistoryEntry[];
  status?: Status;
  revision?: number;
  createdAt?: string | null;
}

export type InfoReason =
  | "missing_all_poe" | "missing_customer_acknowledgement" | "missing_or_old_dates"
  | "missing_partner_solution" | "missing_products";
export type RejectReason =
  | "insufficient_poe" | "missing_customer_consent_in_poe" | "missing_products"
  | "poe_not_available" | "competing_claim";
export type PartnerRequestReason = "wrong_mpn" | "wrong_activity" | "no_longer_working_with_customer";

export type ClaimPatch = Partial<Pick<Claim,
  "name" | "solutionArea" | "partnerRole" | "partnerLocation" | "customerName" |
  "customerDomain" | "tenantId" | "products" | "customerContact" | "partnerContact">>;

/** An event of docs/rules.md#status-machine with the actor performing it. */
export type ClaimEvent = { actor: Actor } & (
  | { type: "submit" }
  | { type: "start_review" }
  | { type: "request_info"; reasons: InfoReason[]; comment?: string }
  | { type: "approve" }
  | { type: "reject"; reason: RejectReason; comment?: string }
  | { type: "request_rejection"; reason: PartnerRequestReason; comment?: string }
  | { type: "deny_consent" }
  | { type: "dispute"; justification?: string; documents?: DocumentRef[] }
  | { type: "edit"; fields: ClaimPatch }
  | { type: "comment"; text: string }
  | { type: "add_document"; document: DocumentRef }
  | { type: "remove_document"; id: string }
  | { type: "tick_checklist"; document: string; item: ChecklistItem; value: boolean }
  | { type: "delete" }
);

/** Timers as data (docs/rules.md#timers), the shape of the built-in policies. */
export interface Policy {
  id: string;
  reviewStartBusinessDays: number;
  reviewDecisionBusinessDays: number;
  partnerResponseBusinessDays: number;
  consentPeriodDays: number;
  disputeWindowDays: number;
  maxDisputes: number;
  disputeAnswerBusinessDays: number;
  subscriptionClaimableAfterHours: number;
  poeMaxAgeMonths: number;
  /** "YYYY-MM-DD" */
  holidays?: string[];
}

/** Domain ↔ tenant and subscription facts, in the shape of the demo directory JSON. */
export interface Directory {
  tenants: {
    id: string;
    name: string;
    domains: string[];
    subscriptions?: {
      id: string;
      product: string;
      dynamics?: boolean;
      channel?: string;
      status?: string;
      provisioned?: boolean;
      activated?: string;
      activatedHoursAgo?: number;
      claimedBy?: string | null;
      note?: string;
    }[];
  }[];
}

/** One PoE checklist item's verdict. */
export interface ChecklistEntry {
  item: ChecklistItem;
  status: "found" | "missing" | "unsure";
  evidence: { snippet: string; page?: number | null; note: string }[];
}

/** Thrown by normalizeDomain, canonicalGuid, applyEvent and on malformed input. */
export interface CporError extends Error {
  code: string;
  findings?: Finding[];
}
