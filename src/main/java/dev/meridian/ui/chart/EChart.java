package dev.meridian.ui.chart;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.time.Instant;

/**
 * An Apache ECharts chart. Options are typed {@link ChartOption}s; {@link #update} merges new data
 * into the live chart (no re-creation, no flicker), {@link #replace} starts over. Clicks anywhere in
 * the plot, clicks on data items and brushed x ranges come back as typed events.
 */
@Tag("meridian-echart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./chart/meridian-echart.ts")
public class EChart extends Component implements HasSize, HasStyle {

    private String lastOptionJson;
    private State state = State.READY;
    private String stateMessage = "";

    public enum State { READY, LOADING, EMPTY, ERROR }

    public EChart() {
        setWidthFull();
        setHeight("260px");
    }

    /** Merges the option into what the chart shows: series with the same id get the new data. */
    public void update(ChartOption option) {
        send(ChartJson.write(option), false);
    }

    /** Replaces everything the chart shows. */
    public void replace(ChartOption option) {
        send(ChartJson.write(option), true);
    }

    /** Replaces everything the chart shows with a graph (nodes and edges). */
    public void replace(GraphOption option) {
        send(ChartJson.write(option), true);
    }

    private void send(String json, boolean notMerge) {
        if (json.equals(lastOptionJson)) {
            return; // nothing changed: a live refresh redraws nothing
        }
        lastOptionJson = json;
        getElement().callJsFunction("setOption", json, notMerge);
    }

    public void showLoading() {
        setState(State.LOADING, "");
    }

    /** Shows the message as text over the empty plot. */
    public void showEmpty(String message) {
        setState(State.EMPTY, message);
    }

    public void showError(String message) {
        setState(State.ERROR, message);
    }

    public void showData() {
        setState(State.READY, "");
    }

    public State getState() {
        return state;
    }

    public String getStateMessage() {
        return stateMessage;
    }

    private void setState(State next, String message) {
        if (next == state && message.equals(stateMessage)) {
            return;
        }
        state = next;
        stateMessage = message;
        getElement().setAttribute("data-chart-state", next.name().toLowerCase());
        getElement().callJsFunction("setState", next.name().toLowerCase(), message);
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (!attachEvent.isInitialAttach() && lastOptionJson != null) {
            getElement().callJsFunction("setOption", lastOptionJson, true);
            getElement().callJsFunction("setState", state.name().toLowerCase(), stateMessage);
        }
    }

    /** A click anywhere in the plot area: {@code time} is the x value under the cursor. */
    public Registration addPlotClickListener(ComponentEventListener<PlotClickEvent> listener) {
        return addListener(PlotClickEvent.class, listener);
    }

    /** A click on a data item, e.g. a scatter dot; {@code itemId} is the item's id, if it has one. */
    public Registration addPointClickListener(ComponentEventListener<PointClickEvent> listener) {
        return addListener(PointClickEvent.class, listener);
    }

    /** A range brushed on the x axis (the option must enable brushing). */
    public Registration addRangeSelectListener(ComponentEventListener<RangeSelectEvent> listener) {
        return addListener(RangeSelectEvent.class, listener);
    }

    @DomEvent("chart-click")
    public static class PlotClickEvent extends ComponentEvent<EChart> {
        private final Instant time;

        public PlotClickEvent(EChart source, boolean fromClient, @EventData("event.detail.x") double x) {
            super(source, fromClient);
            this.time = Instant.ofEpochMilli((long) x);
        }

        public Instant getTime() {
            return time;
        }
    }

    @DomEvent("point-click")
    public static class PointClickEvent extends ComponentEvent<EChart> {
        private final String itemId;
        private final int seriesIndex;
        private final int dataIndex;

        public PointClickEvent(EChart source, boolean fromClient, @EventData("event.detail.id") String itemId,
                               @EventData("event.detail.seriesIndex") int seriesIndex,
                               @EventData("event.detail.dataIndex") int dataIndex) {
            super(source, fromClient);
            this.itemId = itemId;
            this.seriesIndex = seriesIndex;
            this.dataIndex = dataIndex;
        }

        public String getItemId() {
            return itemId;
        }

        public int getSeriesIndex() {
            return seriesIndex;
        }

        public int getDataIndex() {
            return dataIndex;
        }
    }

    @DomEvent("range-select")
    public static class RangeSelectEvent extends ComponentEvent<EChart> {
        private final Instant from;
        private final Instant to;

        public RangeSelectEvent(EChart source, boolean fromClient, @EventData("event.detail.from") double from,
                                @EventData("event.detail.to") double to) {
            super(source, fromClient);
            this.from = Instant.ofEpochMilli((long) from);
            this.to = Instant.ofEpochMilli((long) to);
        }

        public Instant getFrom() {
            return from;
        }

        public Instant getTo() {
            return to;
        }
    }
}
