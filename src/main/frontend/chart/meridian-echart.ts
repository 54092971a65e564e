// The one ECharts wrapper: a custom element that Java drives with setOption(json) and that reports
// clicks anywhere in the plot area, clicks on data items and brushed x ranges as DOM events.
// Every string that reaches HTML (tooltips) is escaped here; everything else is drawn on canvas.
import * as echarts from 'echarts/core';
import { BarChart, GraphChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  BrushComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, GraphChart, LineChart, ScatterChart, BrushComponent, DataZoomComponent, GridComponent, LegendComponent,
  MarkAreaComponent, MarkLineComponent, TitleComponent, ToolboxComponent, TooltipComponent, CanvasRenderer,
]);

type Meta = { unit?: string; brushable?: boolean; tooltipTitle?: string };

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function formatValue(value: unknown, unit?: string): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) {
    return '–';
  }
  if (typeof value !== 'number') {
    return escapeHtml(value);
  }
  const rounded = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  switch (unit) {
    case 'ms': return `${rounded} ms`;
    case 'percent': return `${(value * 100).toFixed(2)} %`;
    case '%': return `${value.toFixed(2)} %`;
    case 'rpm': return `${rounded} req/min`;
    case 'bytes': return value >= 1048576 ? `${(value / 1048576).toFixed(1)} MiB` : `${(value / 1024).toFixed(1)} KiB`;
    default: return unit ? `${rounded} ${escapeHtml(unit)}` : rounded;
  }
}

function axisLabel(value: number, unit?: string): string {
  switch (unit) {
    case 'ms': return value >= 1000 ? `${value / 1000} s` : `${value} ms`;
    case '%': return `${value} %`;
    case 'percent': return `${Math.round(value * 1000) / 10} %`;
    case 'bytes': return value >= 1073741824 ? `${(value / 1073741824).toFixed(1)} GiB`
      : value >= 1048576 ? `${(value / 1048576).toFixed(0)} MiB` : `${(value / 1024).toFixed(0)} KiB`;
    default: return String(value);
  }
}

function formatTime(millis: number): string {
  const date = new Date(millis);
  return date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function valueOf(data: any): unknown {
  const value = data && typeof data === 'object' && !Array.isArray(data) ? data.value : data;
  return Array.isArray(value) ? value[1] : value;
}

class MeridianEchart extends HTMLElement {
  private chart?: echarts.ECharts;
  private plot?: HTMLDivElement;
  private overlay?: HTMLDivElement;
  private option: any = null;
  private meta: Meta = {};
  private resizeObserver?: ResizeObserver;
  private themeObserver?: MutationObserver;
  private downAt?: [number, number];
  /**
   * Whether the live chart's brush already holds the x-range cursor. Taking it is an action that ECharts answers with
   * a full synchronous update, so it is taken once per chart model: again after init or a notMerge setOption (both
   * build a new model), not on every merged update of a live refresh.
   */
  private brushTaken = false;

  connectedCallback() {
    if (!this.plot) {
      this.style.display = 'block';
      this.style.position = 'relative';
      if (!this.style.height) {
        this.style.minHeight = '160px';
      }
      this.plot = document.createElement('div');
      this.plot.style.position = 'absolute';
      this.plot.style.inset = '0';
      this.overlay = document.createElement('div');
      this.overlay.className = 'meridian-chart-overlay';
      this.overlay.setAttribute('role', 'status');
      this.overlay.hidden = true;
      this.append(this.plot, this.overlay);
    }
    this.init();
    // ResizeObserver reports every observed element once when observing starts; resize() is a full re-render even at
    // the same size, so only a real change of the plot's size redraws
    this.resizeObserver = new ResizeObserver(() => {
      const chart = this.chart;
      if (chart && this.plot && (chart.getWidth() !== this.plot.clientWidth || chart.getHeight() !== this.plot.clientHeight)) {
        chart.resize();
      }
    });
    this.resizeObserver.observe(this);
    this.themeObserver = new MutationObserver(() => this.init());
    this.themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['theme'] });
  }

  disconnectedCallback() {
    this.resizeObserver?.disconnect();
    this.themeObserver?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  /** Called from Java with the option as JSON; merges into the live chart unless notMerge. */
  setOption(json: string, notMerge: boolean) {
    const option = JSON.parse(json);
    this.meta = option.meridian ?? {};
    delete option.meridian;
    this.decorate(option);
    this.option = notMerge || !this.option ? option : { ...this.option, ...option };
    if (this.chart) {
      this.chart.setOption(option, { notMerge, lazyUpdate: true });
      if (notMerge) {
        this.brushTaken = false;
      }
      this.enableBrush();
    }
  }

  /** The pixel (relative to this element) of a data coordinate; lets tests click at a given time. */
  pixelOf(x: number, y: number): number[] | null {
    const pixel = this.chart?.convertToPixel({ gridIndex: 0 }, [x, y]) as number[] | undefined;
    return pixel ?? null;
  }

  /** Shows the tooltip of one data item, as hovering it would; lets tests read what a tooltip renders. */
  showTip(seriesIndex: number, dataIndex: number) {
    this.chart?.dispatchAction({ type: 'showTip', seriesIndex, dataIndex });
  }

  /**
   * The pixel (relative to this element) of a graph series' node, or of the middle of an edge; lets tests click
   * a node or an edge of a service map. Null when there is no such item.
   */
  graphPixel(dataType: string, index: number): number[] | null {
    const series = (this.chart as any)?.getModel()?.getSeriesByIndex(0);
    const graph = series?.getGraph?.();
    if (!graph) {
      return null;
    }
    let point: number[] | undefined;
    if (dataType === 'node') {
      point = graph.getNodeByIndex(index)?.getLayout();
    } else {
      const layout = graph.getEdgeByIndex(index)?.getLayout();
      if (layout) {
        const [p1, p2, cp] = layout;
        // the middle of the straight line, or of the quadratic curve through its control point
        point = cp ? [0.25 * p1[0] + 0.5 * cp[0] + 0.25 * p2[0], 0.25 * p1[1] + 0.5 * cp[1] + 0.25 * p2[1]]
          : [(p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2];
      }
    }
    if (!point) {
      return null;
    }
    const pixel = this.chart?.convertToPixel({ seriesIndex: 0 }, point) as number[] | undefined;
    return pixel ?? null;
  }

  /** 'ready' | 'loading' | 'empty' | 'error'; the message is shown as text, never as HTML. */
  setState(state: string, message: string) {
    if (!this.overlay) {
      return;
    }
    this.dataset.state = state;
    if (state === 'loading') {
      this.chart?.showLoading({ text: '' });
    } else {
      this.chart?.hideLoading();
    }
    const visible = state === 'empty' || state === 'error';
    this.overlay.hidden = !visible;
    this.overlay.textContent = visible ? message : '';
    this.overlay.classList.toggle('error', state === 'error');
  }

  private init() {
    if (!this.plot) {
      return;
    }
    this.chart?.dispose();
    const dark = (document.documentElement.getAttribute('theme') ?? '').includes('dark');
    this.chart = echarts.init(this.plot, dark ? 'dark' : undefined, { renderer: 'canvas' });
    this.brushTaken = false;
    if (this.option) {
      this.chart.setOption(this.option, { notMerge: true });
    }
    this.enableBrush();
    this.chart.on('click', (params: any) => {
      const data = params.data;
      const id = data && typeof data === 'object' && !Array.isArray(data) ? data.id ?? null : null;
      this.dispatchEvent(new CustomEvent('point-click', {
        detail: { seriesIndex: params.seriesIndex, dataIndex: params.dataIndex, id, seriesId: params.seriesId ?? null },
      }));
    });
    this.chart.on('brushEnd', (params: any) => {
      const area = params.areas?.[0];
      const range = area?.coordRange;
      this.chart?.dispatchAction({ type: 'brush', areas: [] });
      if (!range || range.length !== 2 || Math.abs(range[1] - range[0]) < 1) {
        return;
      }
      this.dispatchEvent(new CustomEvent('range-select', {
        detail: { from: Math.round(Math.min(range[0], range[1])), to: Math.round(Math.max(range[0], range[1])) },
      }));
    });
    const zr = this.chart.getZr();
    zr.on('mousedown', (event: any) => { this.downAt = [event.offsetX, event.offsetY]; });
    zr.on('click', (event: any) => {
      const point: [number, number] = [event.offsetX, event.offsetY];
      const moved = this.downAt && Math.hypot(point[0] - this.downAt[0], point[1] - this.downAt[1]) > 4;
      if (moved || !this.chart || !this.option?.xAxis || !this.chart.containPixel({ gridIndex: 0 }, point)) {
        return;
      }
      const [x, y] = this.chart.convertFromPixel({ gridIndex: 0 }, point) as number[];
      this.dispatchEvent(new CustomEvent('chart-click', { detail: { x: Math.round(x), y } }));
    });
  }

  private enableBrush() {
    if (this.chart && this.meta.brushable && !this.brushTaken) {
      this.brushTaken = true;
      this.chart.dispatchAction({
        type: 'takeGlobalCursor',
        key: 'brush',
        brushOption: { brushType: 'lineX', brushMode: 'single' },
      });
    }
  }

  /** Functions cannot travel as JSON: value-axis labels and the escaping tooltip formatter are attached here. */
  private decorate(option: any) {
    const meta = this.meta;
    // The dark theme paints its own background; the card's colour should show through in both themes.
    option.backgroundColor = 'transparent';
    const axis = option.yAxis;
    if (axis && axis.show !== false && meta.unit) {
      axis.axisLabel = { ...(axis.axisLabel ?? {}), formatter: (value: number) => axisLabel(value, meta.unit) };
    }
    if (!option.tooltip) {
      return;
    }
    option.tooltip.formatter = (params: any) => {
      const items = Array.isArray(params) ? params : [params];
      if (items.length === 0) {
        return '';
      }
      const first = items[0];
      const rows: string[] = [];
      if (Array.isArray(params)) {
        const axisValue = first.axisValue;
        rows.push(`<div class="meridian-tooltip-title">${typeof axisValue === 'number' ? formatTime(axisValue) : escapeHtml(first.axisValueLabel)}</div>`);
        for (const item of items) {
          rows.push(`<div>${item.marker ?? ''} ${escapeHtml(item.seriesName)}: <b>${formatValue(valueOf(item.data), meta.unit)}</b></div>`);
        }
      } else {
        const data = first.data;
        if (data && typeof data === 'object' && Array.isArray(data.tip)) {
          // graph nodes and edges carry their tooltip as lines of text: escaped like every other string
          return data.tip.map((line: unknown, i: number) =>
            i === 0 ? `<div class="meridian-tooltip-title">${escapeHtml(line)}</div>` : `<div>${escapeHtml(line)}</div>`).join('');
        }
        const value = data && typeof data === 'object' && !Array.isArray(data) ? data.value : data;
        const name = data && typeof data === 'object' && !Array.isArray(data) ? data.name : first.name;
        if (name) {
          rows.push(`<div class="meridian-tooltip-title">${escapeHtml(name)}</div>`);
        }
        if (Array.isArray(value)) {
          rows.push(`<div>${formatTime(Number(value[0]))}</div>`);
          rows.push(`<div>${first.marker ?? ''} ${escapeHtml(first.seriesName)}: <b>${formatValue(value[1], meta.unit)}</b></div>`);
        } else {
          rows.push(`<div>${first.marker ?? ''} ${escapeHtml(first.seriesName)}: <b>${formatValue(value, meta.unit)}</b></div>`);
        }
      }
      return rows.join('');
    };
  }
}

if (!customElements.get('meridian-echart')) {
  customElements.define('meridian-echart', MeridianEchart);
}
