import { barsChart } from '../charts/bars';
import { processMap } from '../charts/process-map';
import { buildingPermit } from '../charts/fixtures/building-permit';
import '../charts/testing/jsdom-polyfills';
import { createTranslator } from '../i18n/i18n';
import { chartExport, csvHeader, svgText, toCsv } from './export';

describe('exports', () => {
  it('writes CSV a spreadsheet reads: BOM, CRLF, quoted commas, quotes and line breaks', () => {
    expect(
      toCsv(
        ['环节', 'count'],
        [
          ['补正材料, 第二次', 3],
          ['say "hi"', 1],
          ['two\nlines', 0],
        ],
      ),
    ).toBe('\ufeff环节,count\r\n"补正材料, 第二次",3\r\n"say ""hi""",1\r\n"two\nlines",0\r\n');
  });

  it('rounds numbers and makes formula-like cells text (Excel-safe)', () => {
    expect(
      toCsv(
        ['value', 'rate'],
        [
          ['=HYPERLINK("x")', 0.5185913830415109],
          ['+86 12345', 1456354.857142857],
          ['-3', 12],
          ['@SUM', -0.0004],
        ],
      ),
    ).toBe(
      '\ufeffvalue,rate\r\n"\'=HYPERLINK(""x"")",0.519\r\n\'+86 12345,1456354.857\r\n\'-3,12\r\n\'@SUM,0\r\n',
    );
  });

  it('names the columns in the interface language', () => {
    const keys = ['value', 'journeys', 'tripsPerJourney', 'atMostOneTripRate', '已翻译'];
    expect(csvHeader(createTranslator('zh-CN'), keys)).toEqual([
      '名称',
      '旅程数',
      '人均跑动次数',
      '最多跑一次比例',
      '已翻译',
    ]);
    expect(csvHeader(createTranslator('en'), keys)).toEqual([
      'Name',
      'Journeys',
      'Trips per journey',
      'At-most-one-trip rate',
      '已翻译',
    ]);
  });

  it('makes a standalone SVG document with its size, without the zoom transform', () => {
    const svg = processMap(buildingPermit);
    svg.querySelector('g.pm-viewport')?.setAttribute('transform', 'translate(40,0) scale(2)');
    svg.removeAttribute('width');
    const text = svgText(svg);
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.getAttribute('width')).toBe(svg.getAttribute('viewBox')?.split(' ')[2]);
    expect(root.querySelector('g.pm-viewport')?.getAttribute('transform')).toBeNull();
    expect(root.querySelectorAll('.pm-node-activity')).toHaveLength(9);
    // The chart on screen keeps its zoom.
    expect(svg.querySelector('g.pm-viewport')?.getAttribute('transform')).toBe(
      'translate(40,0) scale(2)',
    );
  });

  it('labels the buttons for screen readers in the interface language', () => {
    const buttons = chartExport(createTranslator('zh-CN'), '瓶颈', 'bottlenecks', () =>
      barsChart([{ key: 'a', label: 'A', value: 1 }]),
    );
    expect(
      [...buttons.querySelectorAll('button')].map((b) => b.getAttribute('aria-label')),
    ).toEqual(['将瓶颈下载为 SVG', '将瓶颈下载为 PNG']);
  });
});
