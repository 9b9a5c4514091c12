package holidays_test

// The tests and examples of every regional set live here, in this one test
// package, not in the region packages: under the race detector every test
// binary costs a link and a pause at exit, and sixteen binaries whose tests
// take milliseconds were a third of the SDK's `go test -race ./...` time
// (issue 13). A region package has no _test.go file, so `go test` builds no
// binary for it.
//
// One file per region, named by the package: <cc>_test.go (nl_test.go)
// holds the pinned table of published dates, the history tests and the
// region's Example. Names carry the region so that regions never collide:
//
//	Test<CC>_<what>      TestNL_History; `go test -run NL_ ./calendar/holidays` runs one region
//	<cc><Name>           unexported helpers and tables: nlPublished, nlMonFri
//	Example_<country>    Example_netherlands, Example_germanyState: shown in
//	                     this package's documentation; the region's package
//	                     doc names them and this file
//
// Benchmarks keep the names under which bench/README.md records them
// (us_bench_test.go). TestEveryRegionIsTestedHere keeps the layout.

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryRegionIsTestedHere checks the layout above: every region
// package has no test file of its own and a <cc>_test.go here with its
// Test<CC>_ tests and an Example_ function.
func TestEveryRegionIsTestedHere(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	regions := 0
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "internal" || e.Name() == "testdata" {
			continue
		}
		cc := e.Name()
		files, err := filepath.Glob(filepath.Join(cc, "*.go"))
		require.NoError(t, err)
		if len(files) == 0 {
			continue
		}
		regions++
		for _, f := range files {
			assert.False(t, strings.HasSuffix(f, "_test.go"),
				"%s: a region's tests and examples belong in calendar/holidays/%s_test.go (see layout_test.go)", f, cc)
		}
		src, err := os.ReadFile(cc + "_test.go")
		if !assert.NoError(t, err, "region %s has no tests here", cc) {
			continue
		}
		upper := strings.ToUpper(cc)
		assert.Regexp(t, `(?m)^func Test`+regexp.QuoteMeta(upper)+`_\w+\(t \*testing\.T\)`, string(src), "%s_test.go has no Test%s_ function", cc, upper)
		assert.Regexp(t, `(?m)^func Example_[a-z]\w*\(\)`, string(src), "%s_test.go has no example", cc)
	}
	assert.GreaterOrEqual(t, regions, 16, "the region packages were not found")
}
