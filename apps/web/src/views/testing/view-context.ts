/** A view context for rendering one dashboard view in a spec (dataset d1, Asia/Shanghai). */
import type { MiningResult } from '@onetrip/contracts';
import { createTranslator, type Locale } from '../../i18n/i18n';
import { EMPTY_ROUTE } from '../route';
import type { ViewContext } from '../view-context';

export function viewContext(result: MiningResult, locale: Locale = 'en'): ViewContext {
  return {
    tr: createTranslator(locale),
    result,
    route: { ...EMPTY_ROUTE, dataset: 'd1' },
    navigate: () => undefined,
    timeZone: 'Asia/Shanghai',
    layouts: new Map(),
    datasetId: 'd1',
  };
}
