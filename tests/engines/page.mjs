// The partner's steps, run inside the page the same way in every engine:
// `driver.mjs` makes the object this function returns available as `ui` to
// every function a test evaluates in the page. Fields are found by their
// label's text, buttons and links by their name, as a partner finds them;
// values go in through the elements' own setters and the events a browser
// sends when someone types or chooses (input, change, focusout), so the app
// sees what it sees from a real partner.
export function pageUi() {
  const norm = (s) => (s ?? "").replace(/\s+/g, " ").trim();
  const visible = (el) => !!el && el.getClientRects().length > 0;
  const labelled = (text) => {
    for (const l of document.querySelectorAll("label")) {
      if (norm(l.textContent) !== text) continue;
      const el = l.htmlFor ? document.getElementById(l.htmlFor) : l.querySelector("input,select,textarea");
      if (el) return el;
    }
    throw new Error(`no field labelled "${text}"`);
  };
  const named = (selector, name) => {
    const all = [...document.querySelectorAll(selector)].filter(visible);
    const el = all.find((e) => norm(e.getAttribute("aria-label") ?? e.textContent) === name);
    if (!el) throw new Error(`no ${selector} named "${name}" (there are: ${all.map((e) => norm(e.textContent)).join(" | ")})`);
    return el;
  };
  const set = (el, value) => {
    el.focus();
    const proto = Object.getPrototypeOf(el);
    Object.getOwnPropertyDescriptor(proto, "value").set.call(el, value);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
    el.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    el.blur();
  };
  return {
    norm,
    field: labelled,
    fill(label, value) {
      const el = labelled(label);
      if (el.value !== value) set(el, value);
    },
    /** Chooses `value`; throws while the list has no such option yet (retry). */
    select(label, value) {
      const el = labelled(label);
      if (![...el.options].some((o) => o.value === value)) throw new Error(`"${label}" has no option ${value} (yet)`);
      if (el.value !== value) set(el, value);
    },
    check(label) {
      const el = labelled(label);
      if (!el.checked) el.click();
    },
    /** Clicks the enabled button `name`; false while there is none (wait and retry). */
    click(name) {
      const el = named("button", name);
      if (el.disabled) return false;
      el.click();
      return true;
    },
    hasButton: (name) => [...document.querySelectorAll("button")].some((e) => visible(e) && norm(e.textContent) === name),
    link: (name) => named("a", name).click(),
    text: () => norm(document.body.innerText),
    /** Chooses a file in the file input labelled `label`, as a partner's file dialog does. */
    upload(label, name, base64, type) {
      const el = labelled(label);
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      el.files = dt.files;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    },
  };
}
