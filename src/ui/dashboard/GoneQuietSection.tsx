// Gone quiet: my turn and follow-ups whose last message is older than the gone-quiet period (src/core/turn.ts). After
// the live sections, collapsed by default and counted in its heading, so an imported history does not bury them; its
// rows are read only once it is opened.
import type { Ref } from 'preact';
import { countLabel } from '../../core/counts';
import type { Row as RowData } from './data';
import { Row, type RowActions } from './Row';
import { t } from './text';

export interface GoneQuietSectionProps {
  open: boolean;
  onToggle(): void;
  count: number;
  /** The rows read (only while open). */
  shown: readonly RowData[];
  /** Conversations never go quiet (the setting is "never"). */
  off: boolean;
  titles: Map<string, string> | undefined;
  now: Date;
  selectedKey: string | undefined;
  onSelect(key: string): void;
  actions: RowActions;
  itemRef(key: string): Ref<HTMLLIElement>;
  onShowAll(): void;
}

export function GoneQuietSection(props: GoneQuietSectionProps) {
  const { open, count, shown } = props;
  return (
    <section class="section section--goneQuiet" aria-labelledby="section-goneQuiet" data-testid="section-goneQuiet">
      <h2 id="section-goneQuiet" class="section__title">
        <button
          type="button"
          class="disclosure"
          aria-expanded={open}
          aria-controls="gone-quiet-body"
          data-testid="gone-quiet-toggle"
          onClick={props.onToggle}
        >
          <span class="disclosure__mark" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {t('dashboardGoneQuiet')}
          <span class="count" data-testid="count-goneQuiet">
            {countLabel(count)}
          </span>
        </button>
      </h2>
      {open && (
        <div id="gone-quiet-body">
          <p class="section__help muted">{t('dashboardGoneQuietHelp')}</p>
          {count === 0 ? (
            <p class="section__empty muted">{t(props.off ? 'dashboardGoneQuietOff' : 'dashboardGoneQuietEmpty')}</p>
          ) : (
            <ul class="rows">
              {shown.map((row) => (
                <Row
                  key={row.key}
                  row={row}
                  title={props.titles?.get(row.conversation.id)}
                  now={props.now}
                  selected={props.selectedKey === row.key}
                  onSelect={() => props.onSelect(row.key)}
                  actions={props.actions}
                  itemRef={props.itemRef(row.key)}
                />
              ))}
            </ul>
          )}
          {count > shown.length && shown.length > 0 && (
            <button type="button" class="link-button show-all" onClick={props.onShowAll}>
              {t('dashboardShowAll', countLabel(count))}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
