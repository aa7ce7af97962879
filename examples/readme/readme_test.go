package readme_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// markerRE finds the README regions of a file: the lines between
// "// README begin" and "// README end".
var markerRE = regexp.MustCompile(`(?s)// README begin\n(.*?)\n\s*// README end`)

// TestReadme_everyGoSnippetIsCompiledCode fails when a ```go block of the
// README is not, after removing common indentation, the text of one
// README region of this package's test files: a snippet cannot drift from
// code that compiles and runs.
func TestReadme_everyGoSnippetIsCompiledCode(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	blocks := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllStringSubmatch(string(readme), -1)
	require.NotEmpty(t, blocks, "the README has Go snippets")

	var regions []string
	files, err := os.ReadDir(".")
	require.NoError(t, err)
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), "_test.go") || f.Name() == "readme_test.go" {
			continue
		}
		src, err := os.ReadFile(f.Name())
		require.NoError(t, err)
		for _, m := range markerRE.FindAllStringSubmatch(string(src), -1) {
			regions = append(regions, dedent(m[1]))
		}
	}
	for _, b := range blocks {
		snippet := dedent(strings.TrimRight(b[1], "\n"))
		assert.Contains(t, regions, snippet, "README snippet not found in compiled code:\n%s", snippet)
	}
	assert.Len(t, regions, len(blocks), "every README region is shown in the README")
}

// dedent removes the leading tabs every non-empty line shares.
func dedent(s string) string {
	lines := strings.Split(s, "\n")
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, "\t"))
		if common < 0 || n < common {
			common = n
		}
	}
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			lines[i] = l[common:]
		}
	}
	return strings.Join(lines, "\n")
}
