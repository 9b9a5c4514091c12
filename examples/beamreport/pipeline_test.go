package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) {
	flag.Parse()
	beam.Init()
	os.Exit(m.Run())
}

// splitInputs writes the test's input into dir: a generated event log of
// n incidents in three shards (every incident's history spread over
// them) and an empty fourth shard; the sample ServiceNow export split in
// two files by rows (both with the header, one incident's rows in both),
// a file with the header alone and an empty one.
func splitInputs(t *testing.T, dir string, n int) {
	t.Helper()
	_, err := generateEvents(dir, n, 3, 42)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "events-003.jsonl"), nil, 0o644))
	export, err := os.ReadFile("testdata/servicenow-export.csv")
	require.NoError(t, err)
	lines := strings.SplitAfter(string(export), "\n")
	header, rows := lines[0], lines[1:]
	half := 15 // inside INC0000005
	require.True(t, strings.HasPrefix(rows[half-1], strings.Split(rows[half], ",")[0]+","), "the split must cut an incident's rows")
	for name, text := range map[string]string{
		"export-a.csv":      header + strings.Join(rows[half:], ""), // later rows first: order comes from the rows
		"export-b.csv":      header + strings.Join(rows[:half], ""),
		"export-header.csv": header,
		"export-empty.csv":  "",
	} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644))
	}
}

func TestPipelineMatchesSingleProcess(t *testing.T) {
	in, out := filepath.Join(t.TempDir(), "in"), t.TempDir()
	splitInputs(t, in, 500)
	set := testSettings(t)
	globs := []string{filepath.Join(in, "*.jsonl"), filepath.Join(in, "*.csv")}
	_, err := prism.Execute(context.Background(), buildPipeline(set, globs, out))
	require.NoError(t, err)

	files, err := expand(globs)
	require.NoError(t, err)
	require.Len(t, files, 8)
	want, err := singleProcess(set, files)
	require.NoError(t, err)
	// Not a vacuous comparison: both sources are in, and both folds.
	require.GreaterOrEqual(t, len(want.Groups), 6)
	require.Contains(t, want.Groups, "acme")
	require.Contains(t, want.Groups, "Location 143")
	require.Len(t, want.Problems, 4, "the sample export's four bad lines")

	check := func(name string, r Rendered) {
		t.Helper()
		got, err := os.ReadFile(filepath.Join(out, name+".json"))
		require.NoError(t, err)
		if !bytes.Equal(r.JSON, got) {
			t.Errorf("%s.json differs from the single-process report", name)
		}
		text, err := os.ReadFile(filepath.Join(out, name+".txt"))
		require.NoError(t, err)
		assert.Equal(t, string(r.Text), string(text), name)
		html, err := os.ReadFile(filepath.Join(out, name+".html"))
		require.NoError(t, err)
		assert.True(t, bytes.Equal(r.HTML, html), name+".html")
	}
	r, err := render(want.Overall)
	require.NoError(t, err)
	assert.Contains(t, string(r.JSON), `"opened"`)
	check("report", r)
	for g, rep := range want.Groups {
		r, err := render(rep)
		require.NoError(t, err)
		check(reportName(set.Per, g, false), r)
	}
	written, err := filepath.Glob(filepath.Join(out, set.Per+"-*.json"))
	require.NoError(t, err)
	assert.Len(t, written, len(want.Groups))
	problems, err := os.ReadFile(filepath.Join(out, "problems.txt"))
	require.NoError(t, err)
	assert.Equal(t, string(problemsText(want.Problems)), string(problems))
}

func TestRunOneCommand(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	status := run(context.Background(), options{out: out, generate: 300, shards: 3, seed: 5,
		from: "2026-01-01", to: "2027-01-01", per: "customer", check: true}, &stdout, &stderr)
	require.Equal(t, 0, status, stderr.String())
	assert.Contains(t, stdout.String(), "identical (JSON, byte for byte) to the single-process ones")
	for _, f := range []string{"report.txt", "report.json", "report.html", "customer-acme.json", "problems.txt"} {
		assert.FileExists(t, filepath.Join(out, f))
	}

	stderr.Reset()
	status = run(context.Background(), options{out: out, from: "2026-01-01", to: "2026-01-01", per: "customer"}, &stdout, &stderr)
	assert.Equal(t, 2, status)
	assert.Contains(t, stderr.String(), "beamreport: -from 2026-01-01 is not before -to")
	status = run(context.Background(), options{out: out, from: "2026-01-01", to: "2027-01-01", per: "planet"}, &stdout, &stderr)
	assert.Equal(t, 2, status)
	assert.Contains(t, stderr.String(), `unknown -per "planet"`)
}
