// One conversation in a list: who, where, what, whose turn in words, how long ago; and its actions.
import type { Ref } from 'preact';
import { formatFull, formatWhen } from '../components/format-date';
import type { Row as RowData } from './data';
import { RemindMenu } from '../components/RemindMenu';
import { ago, siteName, t, turnInWords } from './text';

export interface RowActions {
  open(row: RowData): void;
  rest(row: RowData): void;
  done(row: RowData): void;
}

export interface RowProps {
  row: RowData;
  title: string | undefined;
  now: Date;
  selected: boolean;
  onSelect(): void;
  actions: RowActions;
  itemRef?: Ref<HTMLLIElement>;
}

/** When the row's state began, for "how long ago". */
function sinceOf(row: RowData): string | null {
  if (row.list === 'followUp' || row.list === 'waiting' || row.list === 'goneQuiet') return row.conversation.lastMessageAt;
  return row.conversation.turnSince ?? row.conversation.lastMessageAt;
}

export function Row({ row, title, now, selected, onSelect, actions, itemRef }: RowProps) {
  const c = row.conversation;
  const people = c.people.map((p) => p.name).filter(Boolean).join(', ') || t('dashboardUnknownPerson');
  const since = sinceOf(row);
  const words = { today: t('dashboardToday'), tomorrow: t('dashboardTomorrow') };
  const pinText = row.pin
    ? row.pinDue
      ? t('dashboardPinDueSince', ago(row.pin.dueAt, now))
      : t('dashboardPinUpcoming', formatWhen(new Date(row.pin.dueAt), now, words))
    : null;
  const titleId = `title-${row.key}`;
  return (
    <li
      ref={itemRef}
      class={`row${selected ? ' row--selected' : ''}${row.pinDue ? ' row--due' : ''}`}
      data-testid="row"
      data-list={row.list}
      data-conversation={c.id}
      tabIndex={selected ? 0 : -1}
      aria-current={selected ? 'true' : undefined}
      aria-labelledby={titleId}
      onFocus={(event) => {
        if (event.target === event.currentTarget && !selected) onSelect();
      }}
      onClick={(event) => {
        onSelect();
      }}
    >
      <div class="row__main">
        <div class="row__top">
          <span class="row__person" dir="auto" data-testid="row-person">
            {people}
          </span>
          <span class={`site site--${c.site}`}>{siteName(c.site)}</span>
          {since && (
            <time class="row__ago" dateTime={since} title={formatFull(new Date(since))}>
              {ago(since, now)}
            </time>
          )}
        </div>
        <a
          id={titleId}
          class="row__title"
          dir="auto"
          href={c.url}
          data-testid="row-title"
          onClick={(event) => {
            event.preventDefault();
            actions.open(row);
          }}
        >
          {title === undefined ? '\u00a0' : title || t('dashboardNoSubject')}
        </a>
        <p class="row__why" data-testid="row-why">
          {pinText && <span class="row__pin">{pinText}</span>}
          {pinText && row.pin?.note && (
            <span class="row__note" dir="auto">
              {row.pin.note}
            </span>
          )}
          <span>{turnInWords(c.explanation, now)}</span>
        </p>
      </div>
      <div class="row__actions" role="group" aria-label={t('dashboardRowActions', people)}>
        <button type="button" class="action" onClick={() => actions.open(row)} title="Enter">
          {t('dashboardActionOpen')}
        </button>
        <RemindMenu conversationId={c.id} />
        {!row.pin && (
          <button type="button" class="action" onClick={() => actions.rest(row)} title="r">
            {t('dashboardActionRest')}
          </button>
        )}
        <button type="button" class="action" onClick={() => actions.done(row)} title="d">
          {t('dashboardActionDone')}
        </button>
      </div>
    </li>
  );
}
