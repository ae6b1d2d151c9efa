/// What needs the writer's attention above the text: a problem, a notice (with undo), a front
/// matter error, a conflict with the file on disk.
import { useDocumentFacts, useDocumentStatus } from '../useDocument';
import { fail, noticeStore, problemStore } from '../state/dialogs';
import { currentSession, takeTheirs } from '../state/session';
import { useStore } from '../state/store';

export function Banners() {
  const problem = useStore(problemStore);
  const notice = useStore(noticeStore);
  const frontMatterProblem = useDocumentFacts()?.problem;
  const conflict = useDocumentStatus((status) => status.conflict);
  return (
    <>
      {problem && (
        <div className="banner error" role="alert">
          <span>{problem}</span>
          <button type="button" className="button" onClick={() => problemStore.set(null)}>
            Dismiss
          </button>
        </div>
      )}
      {notice && (
        <div className="banner info" role="status" data-testid="notice">
          <span>{notice.text}</span>
          {notice.undo && (
            <button type="button" className="button" onClick={notice.undo}>
              Undo
            </button>
          )}
          <button type="button" className="button" onClick={() => noticeStore.set(null)}>
            Dismiss
          </button>
        </div>
      )}
      {frontMatterProblem && (
        <div className="banner warning" role="alert" data-testid="frontmatter-problem">
          <span>{frontMatterProblem}. The text is safe; Postwright will not change the front matter until it is fixed.</span>
        </div>
      )}
      {conflict && (
        <div className="banner warning" role="alert" data-testid="conflict">
          <span>This post was changed outside Postwright while you were editing it. Your text is safe in the editor.</span>
          <button type="button" className="button" onClick={() => void currentSession()?.save({ overwrite: true })}>
            Keep mine
          </button>
          <button type="button" className="button" onClick={() => void takeTheirs().catch(fail)}>
            Take theirs
          </button>
        </div>
      )}
    </>
  );
}
