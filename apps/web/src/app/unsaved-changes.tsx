/**
 * Asks before what was typed into a form is lost. A form says whether it holds
 * unsaved changes (`useUnsavedChanges`); while one does, leaving it in the
 * console (a menu entry, a link, the browser's back button, signing out) first
 * asks in a modal dialog, "stay" or "leave and discard", and closing or
 * reloading the tab gets the browser's own prompt. Leaving on purpose (saved,
 * the form's own Cancel) passes through `release`. The shell holds the one
 * blocker of the console (react-router keeps one at a time). The session
 * dialog keeps the page as it is, so it does not ask; signing out from it does.
 */
import { createContext, MouseEvent, ReactNode, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router-dom';

interface Guard {
  /** Adds a form's "has unsaved changes?"; returns its removal. */
  watch(unsaved: () => boolean): () => void;
  /** Runs `leave` at once when nothing is unsaved, otherwise once the user chose to discard. */
  confirm(leave: () => void): void;
}

const GuardContext = createContext<Guard | null>(null);

export function UnsavedChangesGuard({ children }: { children: ReactNode }) {
  const forms = useRef(new Set<() => boolean>());
  const anyUnsaved = useCallback(() => [...forms.current].some((unsaved) => unsaved()), []);
  // Another page, not another fragment: the skip link's #main leaves nothing.
  const shouldBlock = useCallback<BlockerFunction>(
    ({ currentLocation, nextLocation }) => (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search) && anyUnsaved(),
    [anyUnsaved],
  );
  const blocker = useBlocker(shouldBlock);
  // A departure that is not a navigation (signing out), waiting for the user's answer.
  const [pending, setPending] = useState<(() => void) | null>(null);
  const guard = useMemo<Guard>(
    () => ({
      watch: (unsaved) => {
        forms.current.add(unsaved);
        return () => void forms.current.delete(unsaved);
      },
      confirm: (leave) => (anyUnsaved() ? setPending(() => leave) : leave()),
    }),
    [anyUnsaved],
  );
  const asking = blocker.state === 'blocked' || pending !== null;
  function stay() {
    if (blocker.state === 'blocked') blocker.reset();
    setPending(null);
  }
  function leave() {
    if (blocker.state === 'blocked') blocker.proceed();
    pending?.();
    setPending(null);
  }
  return (
    <GuardContext.Provider value={guard}>
      {children}
      {asking ? <LeaveDialog onStay={stay} onLeave={leave} /> : null}
    </GuardContext.Provider>
  );
}

/**
 * A native modal dialog: the browser keeps the focus inside it. "Stay" has the
 * focus first, so a stray Enter loses nothing; Escape stays too, and staying
 * gives the focus back to where it was (the link pressed, the field typed in).
 */
function LeaveDialog({ onStay, onLeave }: { onStay(): void; onLeave(): void }) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const stayButton = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<Element | null>(null);
  const id = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return undefined;
    returnTo.current = document.activeElement;
    element.showModal();
    stayButton.current?.focus();
    return () => element.close();
  }, []);
  function stay() {
    dialog.current?.close();
    if (returnTo.current instanceof HTMLElement) returnTo.current.focus();
    onStay();
  }
  return (
    <dialog
      ref={dialog}
      className="leave-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-explain`}
      onCancel={(event) => {
        event.preventDefault();
        stay();
      }}
    >
      <h2 id={`${id}-title`}>{t('leave.title')}</h2>
      <p id={`${id}-explain`}>{t('leave.explain')}</p>
      <div className="form-actions">
        <button type="button" ref={stayButton} className="primary" onClick={stay}>
          {t('leave.stay')}
        </button>
        <button type="button" className="danger" onClick={onLeave}>
          {t('leave.discard')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * Marks the calling form as holding unsaved changes while `unsaved`. Call
 * `release` just before leaving it on purpose (after a save, by its Cancel):
 * that departure is not asked about.
 */
export function useUnsavedChanges(unsaved: boolean): { release(): void } {
  const guard = useContext(GuardContext);
  const state = useRef({ unsaved, released: false });
  state.current.unsaved = unsaved;
  useEffect(() => guard?.watch(() => state.current.unsaved && !state.current.released), [guard]);
  useEffect(() => {
    if (!unsaved) return undefined;
    const ask = (event: BeforeUnloadEvent) => {
      if (state.current.released) return;
      event.preventDefault();
      // Older browsers show their prompt only when returnValue is set.
      event.returnValue = true;
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
  const release = useCallback(() => {
    state.current.released = true;
  }, []);
  return { release };
}

/** A click the router follows in this tab: not one that opens the link in a new tab or window. */
export const followedInTab = (event: MouseEvent): boolean => event.button === 0 && !event.metaKey && !event.altKey && !event.ctrlKey && !event.shiftKey;

/** `confirm(leave)`: runs `leave` (signing out) at once, or after asking when a form holds unsaved changes. */
export function useLeaveConfirmation(): (leave: () => void) => void {
  const guard = useContext(GuardContext);
  return useCallback((leave: () => void) => (guard ? guard.confirm(leave) : leave()), [guard]);
}
