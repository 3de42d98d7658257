package model

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDiagnosticCodesDocumented checks that every diagnostic code the
// parser and the compiler emit is explained in docs/diagnostics.md, under
// the right severity, and that the page lists no code that does not exist.
func TestDiagnosticCodesDocumented(t *testing.T) {
	used := map[string]string{} // code -> "error" or "warning"
	codeRx := regexp.MustCompile(`"([a-z]+(?:-[a-z]+)+)",\s*(?:"|\n)`)
	callRx := regexp.MustCompile(`(Errorf|errorf|Warningf|warn|unknownName)\(`)
	var files []string
	for _, dir := range []string{"../parser", "."} {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		files = append(files, fs...)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src := string(b)
		for _, m := range codeRx.FindAllStringSubmatchIndex(src, -1) {
			code := src[m[2]:m[3]]
			before := src[max(0, m[0]-300):m[0]]
			calls := callRx.FindAllStringSubmatch(before, -1)
			if len(calls) == 0 {
				continue
			}
			sev := "warning"
			if c := calls[len(calls)-1][1]; c == "Errorf" || c == "errorf" {
				sev = "error"
			}
			if prev, ok := used[code]; ok && prev != sev {
				t.Errorf("code %s is used both as an error and as a warning", code)
			}
			used[code] = sev
		}
	}
	if len(used) < 40 {
		t.Fatalf("found only %d codes in the sources: the scan is broken", len(used))
	}
	doc, err := os.ReadFile("../docs/diagnostics.md")
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]string{}
	section := ""
	rowRx := regexp.MustCompile("^\\| `([a-z-]+)` \\|")
	for _, line := range strings.Split(string(doc), "\n") {
		switch {
		case strings.HasPrefix(line, "## Errors"):
			section = "error"
		case strings.HasPrefix(line, "## Warnings"):
			section = "warning"
		}
		if m := rowRx.FindStringSubmatch(line); m != nil {
			documented[m[1]] = section
		}
	}
	for code, sev := range used {
		switch doc, ok := documented[code]; {
		case !ok:
			t.Errorf("code %s (%s) is not in docs/diagnostics.md", code, sev)
		case doc != sev:
			t.Errorf("code %s is an %s but docs/diagnostics.md lists it under %ss", code, sev, doc)
		}
	}
	for code := range documented {
		if _, ok := used[code]; !ok {
			t.Errorf("docs/diagnostics.md lists %s, which nothing emits", code)
		}
	}
}

// TestDeliberateDifferencesDocumented checks that every deliberate
// difference of the conformance test is explained in docs/compat.md.
func TestDeliberateDifferencesDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/compat.md")
	if err != nil {
		t.Fatal(err)
	}
	for code := range deliberate {
		if code == "error" {
			continue
		}
		if !strings.Contains(string(doc), "`"+code+"`") {
			t.Errorf("deliberate difference %s is not in docs/compat.md", code)
		}
	}
}
