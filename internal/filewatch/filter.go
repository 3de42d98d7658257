package filewatch

import "path/filepath"

// Filter recognises the events about one file among those of its directory.
type Filter struct {
	names map[string]bool
}

// NewFilter matches events whose path is one of paths. A file reached
// through a symbolic link is watched under both names: editors write the
// link's target, in the target's directory.
func NewFilter(paths ...string) Filter {
	f := Filter{names: make(map[string]bool, len(paths))}
	for _, p := range paths {
		f.names[filepath.Clean(p)] = true
	}
	return f
}

// Match reports whether an event on path is about the watched file. Only the
// exact name counts: the editor's backup (map.owm~), swap (.map.owm.swp,
// .map.owm.swx), lock (.#map.owm), probe (4913) and temporary files
// (map.owm.tmp, .map.owm.tmp-123, map.owm___jb_tmp___) never trigger a reload.
// The rename that puts a new version in place reaches the file's own name,
// as a create event, and that one does.
func (f Filter) Match(path string) bool {
	return f.names[filepath.Clean(path)]
}
