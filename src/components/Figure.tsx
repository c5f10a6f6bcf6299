/** A page figure outside METRICS.md's KPIs, with the same data contract (`data-kpi`, `data-value`) and its formula or source. */
export function Figure(props: { id: string; label: string; value: number | null; text: string; formula: string }) {
  return (
    <div class="kpi" data-kpi={props.id} data-value={props.value === null ? '' : String(props.value)}>
      <div class="kpi-name">{props.label}</div>
      <div class="kpi-value" title={props.text}>
        {props.text}
      </div>
      <div class="kpi-change muted">{props.formula}</div>
    </div>
  );
}
