/**
 * The sheet chooser of the upload dialog: shown only for a workbook with more than one sheet;
 * choosing a sheet previews that sheet (its header, sample and suggested mapping).
 */
import type { UploadPreviewDto } from '@onetrip/contracts';
import type { Translator } from '../i18n/i18n';
import { el } from './dom';
import type { UploadActions } from './upload';

export const SHEET_CHOOSER_ID = 'upload-sheet';

/** The chooser wrapped by `fact(label, control)`, or null when there is nothing to choose. */
export function sheetChooser(
  preview: UploadPreviewDto,
  actions: Pick<UploadActions, 'chooseSheet'>,
  tr: Translator,
  fact: (label: string, control: Node) => Node,
): Node | null {
  const sheets = preview.sheets ?? [];
  if (sheets.length < 2) return null;
  const select = el(
    'select',
    {
      id: SHEET_CHOOSER_ID,
      'data-focus': SHEET_CHOOSER_ID,
      'data-testid': 'upload-sheet',
      onchange: () => actions.chooseSheet(select.value),
    },
    sheets.map((name) => el('option', { value: name, selected: name === preview.sheet }, name)),
  );
  return fact(tr.t('upload.sheet'), select);
}
