import { type Accessor, type JSX, type Resource, Show } from 'solid-js';
import { tr } from '../app/state';

/**
 * A section that loads after the page: until its resource first resolves, a skeleton holds its place (same
 * heading, about the same height), so the page does not jump when it arrives. A refetch keeps the old value
 * in view. A resource that resolves to nothing shows nothing (or `empty`).
 */
export function Pending<T>(props: {
  of: Resource<T>;
  skeleton: JSX.Element;
  empty?: JSX.Element;
  children: (v: Accessor<NonNullable<T>>) => JSX.Element;
}) {
  const waiting = () => props.of.state === 'pending' || props.of.state === 'unresolved';
  return (
    <Show when={!waiting()} fallback={props.skeleton}>
      <Show when={props.of()} fallback={props.empty}>
        {(v) => props.children(v)}
      </Show>
    </Show>
  );
}

/** A card's place while it loads: its heading and a block of the given height (`narrow` under 640 px). */
export function SkeletonCard(props: { title: string; height: string; narrow?: string }) {
  return (
    <div
      class="card skeleton"
      aria-busy="true"
      style={{ '--skeleton-h': props.height, '--skeleton-h-narrow': props.narrow ?? props.height }}
    >
      <h2>{props.title}</h2>
      <div class="skeleton-block" />
      <span class="sr-only">{tr('loading')}</span>
    </div>
  );
}

/** A figure's place while it loads, laid out as the figure: its name and formula, the value still to come. */
export function SkeletonFigure(props: { label: string; formula?: string }) {
  return (
    <div class="kpi skeleton" aria-busy="true">
      <div class="kpi-name">{props.label}</div>
      <div class="kpi-value">
        <span class="skeleton-line" />
        <span class="sr-only">{tr('loading')}</span>
      </div>
      <div class="kpi-change muted">{props.formula ?? <span class="skeleton-line short" />}</div>
    </div>
  );
}
