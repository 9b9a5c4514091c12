package incident_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-itsm/itsm/incident"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to create %s", path)
	assert.Equal(t, string(want), got)
}

func TestGraphGolden(t *testing.T) {
	lc := defaultLC(t)
	golden(t, "default.dot", lc.DOT())
	golden(t, "default.mmd", lc.Mermaid())
}

func TestGraphLabels(t *testing.T) {
	lc := defaultLC(t)
	dot := lc.DOT()
	assert.Contains(t, dot, `"resolved" -> "closed" [label="close [resolved, review]"];`)
	assert.Contains(t, dot, `"on_hold" -> "in_progress" [label="on caller_reply (awaiting_caller)", style=dashed];`)
	assert.Contains(t, dot, `"_start" -> "new";`)
	mmd := lc.Mermaid()
	assert.True(t, strings.HasPrefix(mmd, "stateDiagram-v2\n"))
	assert.Contains(t, mmd, "    resolved --> in_progress : reopen [reopen_window, reason]\n")
	assert.Contains(t, mmd, "    cancelled --> [*]\n")

	// Keywords of Mermaid get another id; DOT quotes everything.
	def := incident.Definition{
		Initial: "state",
		States: []incident.StateSpec{
			{Name: "state", Flags: incident.FlagOpen},
			{Name: "end", Flags: incident.FlagResolved | incident.FlagTerminal},
		},
		Transitions: []incident.TransitionSpec{{From: "state", Action: "finish", To: "end"}},
	}
	custom, err := incident.NewLifecycle(def)
	require.NoError(t, err)
	mmd = custom.Mermaid()
	assert.Contains(t, mmd, `state "end" as end_state`)
	assert.Contains(t, mmd, "state_state --> end_state : finish\n")
	assert.Contains(t, custom.DOT(), `"state" -> "end" [label="finish"];`)
}
