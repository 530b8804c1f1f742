/**
 * Weekly availability as a grid of hour cells, days down, hours across. Each
 * cell is a toggle button (aria-pressed) named "Monday 09:00–10:00". The grid
 * is one tab stop: arrow keys move (Home/End to the ends of a day), Space or
 * Enter switches the hour on or off.
 */
import { KeyboardEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cellsOf, clock, HOURS, toggleCell } from '../model/week-slots';
import { DAYS, Slot } from '../model/profile.types';

interface Position {
  readonly row: number;
  readonly column: number;
}

export function WeekGrid({ id, slots, onChange, labelledBy, describedBy }: {
  id: string;
  slots: readonly Slot[];
  /** Given a function of the slots as they are when it is applied (see FormChange). */
  onChange(update: (slots: readonly Slot[]) => Slot[]): void;
  labelledBy: string;
  describedBy?: string;
}) {
  const { t } = useTranslation('profiles');
  const cells = cellsOf(slots);
  const [position, setPosition] = useState<Position>(() => firstChosen(cells) ?? { row: 0, column: 0 });
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  function moveTo(row: number, column: number) {
    const next = { row: clamp(row, 0, DAYS.length - 1), column: clamp(column, 0, HOURS.length - 1) };
    setPosition(next);
    buttons.current.get(`${next.row}:${next.column}`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, row: number, column: number) {
    const moves: Record<string, () => void> = {
      ArrowRight: () => moveTo(row, column + 1),
      ArrowLeft: () => moveTo(row, column - 1),
      ArrowDown: () => moveTo(row + 1, column),
      ArrowUp: () => moveTo(row - 1, column),
      Home: () => moveTo(event.ctrlKey ? 0 : row, 0),
      End: () => moveTo(event.ctrlKey ? DAYS.length - 1 : row, HOURS.length - 1),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  }

  return (
    <table className="profiles-week" role="grid" id={id} aria-labelledby={labelledBy} aria-describedby={describedBy}>
      <thead>
        <tr>
          <td className="profiles-week-corner" />
          {HOURS.map((hour) => (
            <th key={hour} scope="col" className="profiles-week-hour">
              {clock(hour)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {DAYS.map((day, row) => (
          <tr key={day}>
            <th scope="row" className="profiles-week-day">
              {t(`days.${day}`)}
            </th>
            {HOURS.map((hour, column) => {
              const on = cells.has(`${day}-${hour}`);
              const current = position.row === row && position.column === column;
              return (
                <td key={hour}>
                  <button
                    type="button"
                    className="profiles-week-cell"
                    aria-pressed={on}
                    aria-label={t('weekGrid.cell', { day: t(`days.${day}`), start: clock(hour), end: clock(hour + 1) })}
                    tabIndex={current ? 0 : -1}
                    ref={(element) => {
                      if (element) buttons.current.set(`${row}:${column}`, element);
                      else buttons.current.delete(`${row}:${column}`);
                    }}
                    onFocus={() => setPosition({ row, column })}
                    onKeyDown={(event) => onKeyDown(event, row, column)}
                    onClick={() => onChange((current) => toggleCell(current, day, hour))}
                  />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function firstChosen(cells: ReadonlySet<string>): Position | null {
  for (let row = 0; row < DAYS.length; row++) {
    for (let column = 0; column < HOURS.length; column++) if (cells.has(`${DAYS[row]}-${HOURS[column]}`)) return { row, column };
  }
  return null;
}
