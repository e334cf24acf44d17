import { el, progressBar, replaceContent } from './dom';

describe('el', () => {
  it('sets attributes, skips empty ones, attaches listeners and appends children', () => {
    const clicks: string[] = [];
    const button = el(
      'button',
      {
        type: 'button',
        disabled: false,
        'aria-pressed': true,
        title: null,
        onclick: () => clicks.push('x'),
      },
      'Save ',
      2,
      null,
      [el('span', {}, '!')],
    );
    expect(button.outerHTML).toBe(
      '<button type="button" aria-pressed="">Save 2<span>!</span></button>',
    );
    button.click();
    expect(clicks).toEqual(['x']);
  });
});

describe('replaceContent', () => {
  it('keeps focus on the re-created control with the same data-focus key', () => {
    const container = el('div');
    document.body.replaceChildren(container);
    container.append(el('button', { 'data-focus': 'run' }, 'Run'));
    container.querySelector('button')?.focus();
    replaceContent(container, el('p', {}, 'Mining…'), el('button', { 'data-focus': 'run' }, 'Run'));
    expect(document.activeElement?.textContent).toBe('Run');
    expect(container.contains(document.activeElement)).toBe(true);
  });
});

describe('progressBar', () => {
  it('exposes its value to assistive technology', () => {
    const bar = progressBar('Uploading log.csv', 0.425, '43%').querySelector(
      '[role="progressbar"]',
    );
    expect(bar?.getAttribute('aria-valuenow')).toBe('43');
    expect(bar?.getAttribute('aria-valuetext')).toBe('43%');
    expect(bar?.getAttribute('aria-label')).toBe('Uploading log.csv');
  });

  it('is indeterminate without a value', () => {
    const block = progressBar('Checking…', null);
    expect(block.querySelector('.progress')?.classList.contains('indeterminate')).toBe(true);
    expect(block.querySelector('[role="progressbar"]')?.hasAttribute('aria-valuenow')).toBe(false);
  });
});
