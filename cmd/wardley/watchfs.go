package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/fsnotify/fsnotify"

	"github.com/wardley-maps/wardley/internal/filewatch"
)

// fileWatcher reports the file-system events that may have changed one
// file. It watches the file's directory, not the file: editors save by
// writing a temporary file and renaming it over the original, which would
// leave a watch on the file itself pointing at the old, deleted inode.
// filewatch.Filter keeps the events that name the file; the debouncing and
// deciding are the caller's.
type fileWatcher struct {
	// Events receives the events about the file, in order.
	Events <-chan fsnotify.Event
	// Errors receives what went wrong in watching.
	Errors <-chan error

	w    *fsnotify.Watcher
	done chan struct{}
	wg   sync.WaitGroup
	once sync.Once
}

// watchFile starts watching path. When path is a symbolic link, the
// directory of the file it points to is watched too, since editors write
// there.
func watchFile(path string) (*fileWatcher, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	paths := []string{abs}
	if real, err := filepath.EvalSymlinks(abs); err == nil && real != abs {
		paths = append(paths, real)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("cannot watch %s: %w", path, err)
	}
	seen := map[string]bool{}
	for _, p := range paths {
		dir := filepath.Dir(p)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if err := w.Add(dir); err != nil {
			w.Close()
			return nil, fmt.Errorf("cannot watch %s: %w", dir, unwrapPathError(err))
		}
	}
	events := make(chan fsnotify.Event)
	errs := make(chan error)
	fw := &fileWatcher{Events: events, Errors: errs, w: w, done: make(chan struct{})}
	filter := filewatch.NewFilter(paths...)
	fw.wg.Add(1)
	go func() {
		defer fw.wg.Done()
		defer close(events)
		for {
			var ev fsnotify.Event
			select {
			case <-fw.done:
				return
			case e, ok := <-w.Events:
				if !ok {
					return
				}
				if !filter.Match(e.Name) {
					continue
				}
				ev = e
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				if !errors.Is(err, fsnotify.ErrEventOverflow) {
					select {
					case errs <- err:
					case <-fw.done:
						return
					}
					continue
				}
				// Events were lost: one of them may have been ours.
				ev = fsnotify.Event{Name: abs, Op: fsnotify.Write}
			}
			select {
			case events <- ev:
			case <-fw.done:
				return
			}
		}
	}()
	return fw, nil
}

// Close stops watching; Events is closed once the watcher has let go.
func (fw *fileWatcher) Close() error {
	var err error
	fw.once.Do(func() {
		close(fw.done)
		err = fw.w.Close()
		fw.wg.Wait()
	})
	return err
}
