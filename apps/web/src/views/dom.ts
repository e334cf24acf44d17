/** A tiny element builder: `el('button', { class: 'primary', onclick }, 'Save')`. */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      node.addEventListener(name.replace(/^on/, ''), value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * Replaces the content of `container`, keeping keyboard focus on the element with the same
 * `data-focus` key when the focused element is re-created (so re-rendering never drops focus).
 */
export function replaceContent(container: HTMLElement, ...nodes: Node[]): void {
  const active = document.activeElement;
  const key =
    active instanceof HTMLElement && container.contains(active) ? active.dataset.focus : undefined;
  container.replaceChildren(...nodes);
  if (key) {
    const again = [...container.querySelectorAll<HTMLElement>('[data-focus]')].find(
      (candidate) => candidate.dataset.focus === key,
    );
    again?.focus();
  }
}

/** An accessible progress bar; `value` null shows an indeterminate bar. */
export function progressBar(label: string, value: number | null, text?: string): HTMLElement {
  const bar = el('div', {
    class: value === null ? 'progress indeterminate' : 'progress',
    role: 'progressbar',
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    'aria-valuenow': value === null ? null : Math.round(value * 100),
    'aria-valuetext': text ?? null,
  });
  const fill = el('div', { class: 'progress-fill' });
  if (value !== null) fill.style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
  bar.append(fill);
  return el(
    'div',
    { class: 'progress-block' },
    el(
      'div',
      { class: 'progress-label' },
      label,
      text ? el('span', { class: 'progress-text' }, text) : null,
    ),
    bar,
  );
}
