/// The dialog that is open, if any, and the offer to recover unsaved text found at start-up.
import type { Backup } from '../../../shared/api';
import { studio } from '../studio';
import { useDocumentText, useOpenPost } from '../useDocument';
import { dialogStore, fail } from '../state/dialogs';
import { backupsStore, dropBackup, postsStore, refreshList } from '../state/library';
import { currentSession, editorRef, openPost, recoverBackup, restoreRevision } from '../state/session';
import { useStore } from '../state/store';
import { HistoryDialog } from './HistoryDialog';
import { ImportDialog } from './ImportDialog';
import { PublishDialog } from './PublishDialog';
import { RecoverDialog } from './RecoverDialog';
import { TargetsDialog } from './TargetsDialog';
import { TrashDialog } from './TrashDialog';
import { DoiDialogHost } from '../science/DoiDialog';
import { WordsDialogHost } from '../science/WordsDialog';

const close = () => dialogStore.set(null);
const replaceText = (text: string) => editorRef.current?.replaceText(text);

export function Dialogs() {
  const dialog = useStore(dialogStore);
  const open = useOpenPost();
  return (
    <>
      {dialog === 'history' && open && (
        <HistoryDialog
          postId={open.session.id}
          currentText={open.session.currentText()}
          onRestore={(revision) => restoreRevision(revision).catch(fail)}
          onClose={close}
        />
      )}
      {dialog === 'publish' && open && <Publish postId={open.session.id} />}
      {dialog === 'targets' && <TargetsDialog onClose={() => dialogStore.set(currentSession() ? 'publish' : null)} onChanged={() => undefined} />}
      {dialog === 'import' && <ImportDialog onClose={close} />}
      {dialog === 'trash' && (
        <TrashDialog
          onClose={close}
          onRestored={(id) => {
            close();
            void refreshList().then(() => openPost(id));
          }}
        />
      )}
      <DoiDialogHost />
      <WordsDialogHost />
      <Recover />
    </>
  );
}

function Publish({ postId }: { postId: string }) {
  const text = useDocumentText() ?? '';
  return (
    <PublishDialog
      postId={postId}
      text={text}
      save={() => currentSession()?.save() ?? Promise.resolve()}
      onChangeText={replaceText}
      onManageTargets={() => dialogStore.set('targets')}
      onClose={close}
    />
  );
}

function Recover() {
  const backups = useStore(backupsStore);
  const posts = useStore(postsStore);
  if (backups.length === 0) return null;
  return (
    <RecoverDialog
      backups={backups}
      titles={new Map(posts.map((post) => [post.id, post.title]))}
      onClose={() => backupsStore.set([])}
      onDiscard={(backup: Backup) => {
        void studio.backups.discard(backup.postId);
        dropBackup(backup);
      }}
      onRecover={recoverBackup}
    />
  );
}
