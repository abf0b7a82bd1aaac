/**
 * The human side of an XForm (ODK XForms spec): each control's label, hint and choice labels in
 * every language of its itext, keyed by the payload path the backend's `/fields` uses (the body's
 * `ref` without the instance root: `/data/event/category` → `/event/category`). Uses only DOM Level 2
 * calls so the browser's DOMParser and @xmldom/xmldom (the unit tests) both serve.
 */

/** Text per itext language; key `''` is an inline label, the same in every language. */
export type Texts = Record<string, string>

export interface Choice {
  value: string
  label: Texts
}

export interface Question {
  path: string
  /** The body element: input, select1, select, upload, group, repeat … */
  control: string
  label: Texts
  hint: Texts
  items: Choice[]
}

export interface XFormTexts {
  title: string
  languages: string[]
  questions: Map<string, Question>
}

const CONTROLS = new Set(['input', 'select1', 'select', 'upload', 'trigger', 'range', 'rank', 'group', 'repeat'])
const ITEXT = /^\s*jr:itext\(\s*['"]([^'"]+)['"]\s*\)\s*$/

/** Parses the XML (with the given DOMParser) and reads its texts; null when it is not well-formed XML. */
export function readXForm(xml: string, parser: { parseFromString(text: string, type: 'text/xml'): Document }): XFormTexts | null {
  let doc: Document
  try {
    doc = parser.parseFromString(xml, 'text/xml')
  } catch {
    return null
  }
  const root = doc.documentElement
  if (!root || root.localName === 'parsererror' || descendants(root, 'parsererror').length > 0) {
    return null
  }
  const itext = translations(root)
  const body = descendants(root, 'body')[0]
  const questions = new Map<string, Question>()
  if (body) {
    walk(body, null, itext, questions)
  }
  const title = descendants(root, 'title')[0]?.textContent?.trim() ?? ''
  return { title, languages: [...itext.keys()], questions }
}

/** The text for a language: that language's, else the inline one, else empty. */
export function textIn(texts: Texts, language: string | undefined): string {
  return (language !== undefined ? texts[language] : undefined) ?? texts[''] ?? ''
}

/**
 * The form's language for a UI language: an exact or prefixed tag (`zh`, `zh-CN`), or ODK's
 * "Name (code)" style (`中文 (zh)`, `English (en)`), or an English name.
 */
export function languageFor(languages: readonly string[], ui: 'zh' | 'en'): string | undefined {
  const names = ui === 'zh' ? ['chinese', '中文', '简体中文'] : ['english']
  return languages.find((lang) => {
    const l = lang.toLowerCase().trim()
    const code = /\(([^)]+)\)\s*$/.exec(l)?.[1] ?? l
    return code === ui || code.startsWith(`${ui}-`) || code.startsWith(`${ui}_`) || names.some((n) => l.startsWith(n))
  })
}

function walk(el: Element, base: string | null, itext: Map<string, Map<string, string>>, out: Map<string, Question>): void {
  for (const child of elementChildren(el)) {
    if (!CONTROLS.has(child.localName)) {
      continue
    }
    const ref = child.getAttribute('ref') || child.getAttribute('nodeset')
    const absolute = ref ? resolve(ref, base) : null
    if (absolute !== null) {
      const path = payloadPath(absolute)
      const before = out.get(path)
      const label = textOf(firstChild(child, 'label'), itext)
      // A repeat inside a group with the same ref: keep the group's label when the repeat has none.
      out.set(path, {
        path,
        control: child.localName,
        label: Object.keys(label).length > 0 || !before ? label : before.label,
        hint: textOf(firstChild(child, 'hint'), itext),
        items: elementChildren(child)
          .filter((c) => c.localName === 'item')
          .map((item) => ({
            value: firstChild(item, 'value')?.textContent?.trim() ?? '',
            label: textOf(firstChild(item, 'label'), itext),
          })),
      })
    }
    walk(child, absolute ?? base, itext, out)
  }
}

/** `jr:itext('id')` read in every language, or the inline text. */
function textOf(el: Element | undefined, itext: Map<string, Map<string, string>>): Texts {
  if (!el) {
    return {}
  }
  const id = ITEXT.exec(el.getAttribute('ref') ?? '')?.[1]
  if (id === undefined) {
    const inline = el.textContent?.trim() ?? ''
    return inline ? { '': inline } : {}
  }
  const out: Texts = {}
  for (const [lang, texts] of itext) {
    const text = texts.get(id)
    if (text !== undefined) {
      out[lang] = text
    }
  }
  return out
}

/** lang → (text id → plain value), in document order. */
function translations(root: Element): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>()
  for (const translation of descendants(root, 'translation')) {
    const texts = new Map<string, string>()
    for (const text of elementChildren(translation).filter((c) => c.localName === 'text')) {
      const values = elementChildren(text).filter((c) => c.localName === 'value')
      // The plain value; `form="image"` / `audio` variants are media, not words.
      const plain = values.find((v) => !v.getAttribute('form')) ?? values[0]
      texts.set(text.getAttribute('id') ?? '', plain?.textContent?.trim() ?? '')
    }
    out.set(translation.getAttribute('lang') ?? '', texts)
  }
  return out
}

function resolve(ref: string, base: string | null): string {
  if (ref.startsWith('/')) {
    return ref
  }
  let path = base ?? ''
  for (const step of ref.split('/')) {
    if (step === '..') {
      path = path.slice(0, path.lastIndexOf('/'))
    } else if (step !== '.' && step !== '') {
      path = `${path}/${step}`
    }
  }
  return path
}

/** `/data/a/b` → `/a/b`: the payload has no instance root. */
function payloadPath(ref: string): string {
  const rest = ref.replace(/^\/[^/]+/, '')
  return rest === '' ? '/' : rest
}

function elementChildren(el: Element): Element[] {
  const out: Element[] = []
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) {
      out.push(node as Element)
    }
  }
  return out
}

function firstChild(el: Element, name: string): Element | undefined {
  return elementChildren(el).find((c) => c.localName === name)
}

function descendants(el: Element, name: string): Element[] {
  const out: Element[] = []
  for (const child of elementChildren(el)) {
    if (child.localName === name) {
      out.push(child)
    }
    out.push(...descendants(child, name))
  }
  return out
}
