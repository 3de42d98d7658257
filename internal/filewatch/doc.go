// Package filewatch owns the decisions of file watching that do not need the
// file system: which change events are about the watched file, and how a
// burst of them becomes one reload (Debounce).
//
// Editors save in many ways: writing in place, writing a temporary file and
// renaming it over the original (vim, VS Code, JetBrains "safe write",
// sed -i), renaming the original to a backup first, or deleting and
// re-creating it. Watching the file itself loses track of it after the first
// rename, so the command watches the parent directory and uses a Filter to
// keep only the events that name the file; everything else in the directory,
// backup and swap files included, is ignored. The command owns the adapter
// that talks to the operating system (fsnotify); this package is pure and
// tested with channels and a fake clock.
package filewatch
