// <cpor-tenant-check>: the customer domain ↔ tenant ID check of CPOR Desk
// as a drop-in form field, for portals that write no JavaScript glue.
//
//   <script type="module" src="…/cpor-tenant-check.js"></script>
//   <form>
//     <cpor-tenant-check name="customer" domain="contoso.com"></cpor-tenant-check>
//   </form>
//
// - Form-associated (ElementInternals): its value is submitted with the form
//   (`<name>.domain`, `<name>.tenantId`, or `domain`/`tenantId` without a
//   name), and the form is invalid while the check finds an error (a
//   submit attempt shows the findings).
// - Localised: English, or Swedish when the element or an ancestor has
//   lang="sv…"; the findings' messages come from the module.
// - Accessible: real <label>s, aria-invalid and aria-describedby on the
//   inputs, the findings in a polite live region.
// - Styleable: ::part(field), ::part(label), ::part(input),
//   ::part(findings), ::part(finding), ::part(error), ::part(warning),
//   ::part(ok).
// - `element.directory = {…}` checks against your directory (the demo
//   directory's JSON shape) instead of the built-in demo one; the
//   `cpor-check` event carries the findings.
import init, { checkTenantDomain } from "./cpor_validate.js";

// The element's own words (the module has the findings' messages).
const TEXT = {
  en: { domain: "Customer domain", tenantId: "Customer tenant ID", ok: "The domain belongs to this tenant." },
  sv: { domain: "Kundens domän", tenantId: "Kundens klient-ID", ok: "Domänen hör till den här klienten." },
};

let ready;
const load = () => (ready ??= init());

const STYLE = `:host{display:block}[part~=field]{margin:0 0 .5em}label{display:block;font-weight:600}
input{font:inherit;padding:.3em;width:100%;box-sizing:border-box}ul{margin:.3em 0;padding-left:1.2em}
[part~=error]{color:#a4262c}[part~=warning]{color:#7a5b00}[part~=ok]{list-style:none;margin-left:-1.2em;color:#1b6b34}`;

export class CporTenantCheck extends HTMLElement {
  static formAssociated = true;
  static observedAttributes = ["domain", "tenant-id", "lang"];
  #internals = this.attachInternals();
  #shown = false;
  #timer = 0;
  #directory;
  findings = [];

  constructor() {
    super();
    const root = this.attachShadow({ mode: "open" });
    root.innerHTML = `<style>${STYLE}</style>
<div part="field"><label part="label" for="domain"></label><input part="input" id="domain" autocomplete="off" spellcheck="false"></div>
<div part="field"><label part="label" for="tenantId"></label><input part="input" id="tenantId" autocomplete="off" spellcheck="false"></div>
<ul part="findings" id="findings" role="status" aria-live="polite"></ul>`;
    for (const input of root.querySelectorAll("input")) {
      input.addEventListener("input", () => this.#schedule());
      input.addEventListener("change", () => this.#check(true));
    }
    // A submit attempt of the host form shows what blocks it.
    this.addEventListener("invalid", () => this.#render(true));
  }

  #input(id) {
    return this.shadowRoot.getElementById(id);
  }
  get locale() {
    return /^sv\b/i.test(this.closest("[lang]")?.lang ?? "") ? "sv" : "en";
  }
  get domain() {
    return this.#input("domain").value;
  }
  set domain(v) {
    this.#input("domain").value = v ?? "";
    this.#check(false);
  }
  get tenantId() {
    return this.#input("tenantId").value;
  }
  set tenantId(v) {
    this.#input("tenantId").value = v ?? "";
    this.#check(false);
  }
  set directory(d) {
    this.#directory = d;
    this.#check(false);
  }
  get form() {
    return this.#internals.form;
  }
  get validity() {
    return this.#internals.validity;
  }
  get validationMessage() {
    return this.#internals.validationMessage;
  }
  checkValidity() {
    return this.#internals.checkValidity();
  }
  reportValidity() {
    return this.#internals.reportValidity();
  }

  connectedCallback() {
    this.#labels();
    this.#check(false);
  }
  attributeChangedCallback(name, _old, value) {
    if (name === "domain") this.#input("domain").value = value ?? "";
    if (name === "tenant-id") this.#input("tenantId").value = value ?? "";
    this.#labels();
    if (this.isConnected) this.#check(this.#shown);
  }
  formResetCallback() {
    this.#input("domain").value = this.getAttribute("domain") ?? "";
    this.#input("tenantId").value = this.getAttribute("tenant-id") ?? "";
    this.#shown = false;
    this.#check(false);
  }

  #labels() {
    const text = TEXT[this.locale];
    for (const id of ["domain", "tenantId"]) this.shadowRoot.querySelector(`label[for=${id}]`).textContent = text[id];
  }
  #schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#check(true), 200);
  }
  async #check(show) {
    await load();
    const name = this.getAttribute("name");
    const value = new FormData();
    value.append(name ? `${name}.domain` : "domain", this.domain);
    value.append(name ? `${name}.tenantId` : "tenantId", this.tenantId);
    this.#internals.setFormValue(value);
    this.findings = checkTenantDomain(this.domain, this.tenantId, this.#directory, { locale: this.locale });
    const error = this.findings.find((f) => f.severity === "error");
    if (error) this.#internals.setValidity({ customError: true }, error.message, this.#input(error.field === "domain" ? "domain" : "tenantId"));
    else this.#internals.setValidity({});
    this.#render(show || this.#shown);
    this.dispatchEvent(new CustomEvent("cpor-check", { detail: { findings: this.findings } }));
  }
  #render(show) {
    this.#shown = show;
    const list = this.#input("findings");
    list.replaceChildren();
    for (const id of ["domain", "tenantId"]) {
      const bad = show && this.findings.some((f) => f.field === id && f.severity === "error");
      this.#input(id).setAttribute("aria-invalid", String(bad));
      this.#input(id).setAttribute("aria-describedby", "findings");
    }
    if (!show) return;
    for (const f of this.findings) {
      const li = document.createElement("li");
      li.setAttribute("part", `finding ${f.severity}`);
      li.dataset.code = f.code;
      li.textContent = f.message;
      list.append(li);
    }
    if (!this.findings.length) {
      const li = document.createElement("li");
      li.setAttribute("part", "finding ok");
      li.textContent = TEXT[this.locale].ok;
      list.append(li);
    }
  }
}

if (!customElements.get("cpor-tenant-check")) customElements.define("cpor-tenant-check", CporTenantCheck);
