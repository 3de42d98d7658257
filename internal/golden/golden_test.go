package golden

import (
	"os"
	"path/filepath"
	"testing"
)

// fakeT records failures instead of stopping the test.
type fakeT struct {
	testing.TB
	failed bool
}

func (f *fakeT) Helper()               {}
func (f *fakeT) Errorf(string, ...any) { f.failed = true }
func (f *fakeT) Fatalf(string, ...any) { f.failed = true; panic(f) }
func (f *fakeT) Fatal(...any)          { f.failed = true; panic(f) }

func check(path string, got []byte, update bool) (failed bool) {
	f := &fakeT{}
	defer func() {
		if r := recover(); r != nil && r != f {
			panic(r)
		}
		failed = f.failed
	}()
	Check(f, path, got, update, "go test -update")
	return f.failed
}

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	if !check(path, []byte("a"), false) {
		t.Error("a missing golden file passed")
	}
	if check(path, []byte("a"), true) {
		t.Error("-update failed")
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "a" {
		t.Errorf("-update wrote %q, %v", b, err)
	}
	if check(path, []byte("a"), false) {
		t.Error("the same bytes failed")
	}
	if !check(path, []byte("b"), false) {
		t.Error("other bytes passed")
	}
}
