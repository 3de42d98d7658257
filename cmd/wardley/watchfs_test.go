package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchDeadline bounds each wait for an event: a failure bound only.
const watchDeadline = 20 * time.Second

// watched is a map file in a fresh directory, and a watcher on it.
type watched struct {
	t    *testing.T
	dir  string
	path string
	fw   *fileWatcher
}

func newWatched(t *testing.T) *watched {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "tea.owm")
	must(t, os.WriteFile(path, []byte("title Tea\n"), 0o644))
	fw, err := watchFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fw.Close() })
	return &watched{t: t, dir: dir, path: path, fw: fw}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func (w *watched) file(name string) string { return filepath.Join(w.dir, name) }

// until collects events until one has op on the watched file, and fails if
// any event names another file.
func (w *watched) until(op fsnotify.Op) []fsnotify.Event {
	w.t.Helper()
	var got []fsnotify.Event
	deadline := time.After(watchDeadline)
	for {
		select {
		case ev, ok := <-w.fw.Events:
			if !ok {
				w.t.Fatalf("events closed; got %v", got)
			}
			got = append(got, ev)
			if ev.Name != w.path {
				w.t.Fatalf("event about another file: %v (all: %v)", ev, got)
			}
			if ev.Has(op) {
				return got
			}
		case err := <-w.fw.Errors:
			w.t.Fatalf("watch error: %v", err)
		case <-deadline:
			w.t.Fatalf("no %v event on %s; got %v", op, w.path, got)
		}
	}
}

func TestWatchFileSaves(t *testing.T) {
	t.Run("write in place", func(t *testing.T) {
		w := newWatched(t)
		must(t, os.WriteFile(w.path, []byte("title Tea 2\n"), 0o644))
		w.until(fsnotify.Write)
	})
	t.Run("temporary file renamed over the map", func(t *testing.T) {
		// Our writeFileAtomic, VS Code, sed -i, vim with backupcopy=no.
		w := newWatched(t)
		must(t, writeFileAtomic(w.path, []byte("title Tea 2\n")))
		w.until(fsnotify.Create)
	})
	t.Run("vim: original renamed to a backup, new file written", func(t *testing.T) {
		w := newWatched(t)
		must(t, os.WriteFile(w.file("4913"), nil, 0o644)) // vim's probe of the directory
		must(t, os.Remove(w.file("4913")))
		must(t, os.WriteFile(w.file(".tea.owm.swp"), []byte("swap"), 0o644))
		must(t, os.Rename(w.path, w.file("tea.owm~")))
		must(t, os.WriteFile(w.path, []byte("title Tea 2\n"), 0o644))
		must(t, os.Remove(w.file("tea.owm~")))
		got := w.until(fsnotify.Write)
		if !got[0].Has(fsnotify.Rename) {
			t.Errorf("the rename to the backup was not seen first: %v", got)
		}
	})
	t.Run("JetBrains safe write", func(t *testing.T) {
		w := newWatched(t)
		must(t, os.WriteFile(w.file("tea.owm___jb_tmp___"), []byte("title Tea 2\n"), 0o644))
		must(t, os.Rename(w.path, w.file("tea.owm___jb_old___")))
		must(t, os.Rename(w.file("tea.owm___jb_tmp___"), w.path))
		must(t, os.Remove(w.file("tea.owm___jb_old___")))
		w.until(fsnotify.Create)
	})
	t.Run("removed, then created again", func(t *testing.T) {
		w := newWatched(t)
		must(t, os.Remove(w.path))
		w.until(fsnotify.Remove)
		must(t, os.WriteFile(w.path, []byte("title Tea 2\n"), 0o644))
		w.until(fsnotify.Create)
	})
	t.Run("chmod only", func(t *testing.T) {
		if runtime.GOOS == "windows" {
			t.Skip("Windows reports no attribute changes")
		}
		w := newWatched(t)
		must(t, os.Chmod(w.path, 0o600))
		w.until(fsnotify.Chmod)
	})
}

func TestWatchFileIgnoresOtherFiles(t *testing.T) {
	w := newWatched(t)
	for _, name := range []string{
		"tea.owm~", ".tea.owm.swp", ".tea.owm.swx", ".#tea.owm", "4913", "tea.owm.tmp",
		".tea.owm.tmp-42", "tea.owm___jb_tmp___", "other.owm", "tea.svg",
	} {
		p := w.file(name)
		must(t, os.WriteFile(p, []byte("x"), 0o644))
		must(t, os.Rename(p, p+".moved"))
		must(t, os.Remove(p+".moved"))
	}
	// Events arrive in order: had any of the above got through, it would
	// come before this write, and until fails on events about other files.
	must(t, os.WriteFile(w.path, []byte("title Tea 2\n"), 0o644))
	got := w.until(fsnotify.Write)
	if len(got) != 1 {
		t.Errorf("want only the write, got %v", got)
	}
}

func TestWatchFileThroughSymlink(t *testing.T) {
	real := filepath.Join(t.TempDir(), "real.owm")
	must(t, os.WriteFile(real, []byte("title Tea\n"), 0o644))
	link := filepath.Join(t.TempDir(), "tea.owm")
	if err := os.Symlink(real, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	fw, err := watchFile(link)
	if err != nil {
		t.Fatal(err)
	}
	defer fw.Close()
	// Editors follow the link and save the target, in its own directory.
	must(t, writeFileAtomic(real, []byte("title Tea 2\n")))
	select {
	case ev := <-fw.Events:
		if ev.Name != real {
			t.Errorf("event %v, want one about %s", ev, real)
		}
	case <-time.After(watchDeadline):
		t.Fatal("a save of the link's target went unseen")
	}
}

func TestWatchFileClose(t *testing.T) {
	w := newWatched(t)
	must(t, w.fw.Close())
	select {
	case _, ok := <-w.fw.Events:
		if ok {
			// An event may be in flight; the channel must still close.
			for range w.fw.Events {
			}
		}
	case <-time.After(watchDeadline):
		t.Fatal("Events not closed by Close")
	}
	must(t, w.fw.Close()) // twice is fine
}

func TestWatchFileMissingDirectory(t *testing.T) {
	_, err := watchFile(filepath.Join(t.TempDir(), "nope", "tea.owm"))
	if err == nil || !strings.Contains(err.Error(), "cannot watch") {
		t.Fatalf("err = %v", err)
	}
}
