package snowreport

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tmp is this process's scratch directory: the generated exports (the
// 1.4M-row one is 425 MB) and the built snowreport live there and go with
// the process.
var tmp string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "snowbench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tmp = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	buildOnce sync.Once
	binary    string
	buildErr  error
	exports   sync.Map // rows -> path
)

// snowreportBinary builds examples/snowreport once.
func snowreportBinary(t testing.TB) string {
	buildOnce.Do(func() {
		binary = filepath.Join(tmp, "snowreport")
		out, err := exec.Command("go", "build", "-o", binary, "github.com/go-itsm/itsm/examples/snowreport").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return binary
}

// export generates (once) an export of about rows rows.
func export(t testing.TB, rows int) string {
	if p, ok := exports.Load(rows); ok {
		return p.(string)
	}
	path := filepath.Join(tmp, fmt.Sprintf("export-%d.csv", rows))
	f, err := os.Create(path)
	require.NoError(t, err)
	_, _, err = Generate(f, rows, 1)
	require.NoError(t, err)
	require.NoError(t, f.Close())
	exports.Store(rows, path)
	return path
}

// python returns a Python with pandas (the Debian package python3-pandas
// installs it for /usr/bin/python3), or skips.
func python(t testing.TB) string {
	for _, p := range []string{"/usr/bin/python3", "python3"} {
		if exec.Command(p, "-c", "import pandas").Run() == nil {
			return p
		}
	}
	t.Skip("no python3 with pandas (apt-get install python3-pandas)")
	return ""
}

// pandasKPIs is kpis.py's output.
type pandasKPIs struct {
	Incidents         int                  `json:"incidents"`
	Closed            int                  `json:"closed"`
	ReopenedIncidents int                  `json:"reopened_incidents"`
	Reopenings        int                  `json:"reopenings"`
	MeanReassignments float64              `json:"mean_reassignments"`
	MadeSLAKnown      int                  `json:"made_sla_known"`
	MadeSLARate       float64              `json:"made_sla_rate"`
	TTRN              int                  `json:"ttr_n"`
	TTRUnknown        int                  `json:"ttr_unknown"`
	TTRMean           float64              `json:"ttr_mean"`
	TTRMedian         float64              `json:"ttr_median"`
	TTRP90            float64              `json:"ttr_p90"`
	ByPriority        map[string]ttrPandas `json:"by_priority"`
}

type ttrPandas struct {
	N      int      `json:"n"`
	Mean   *float64 `json:"mean"`
	Median *float64 `json:"median"`
	P90    *float64 `json:"p90"`
}

// snowReport is the part of snowreport's JSON report compared.
type snowReport struct {
	Incidents int `json:"incidents"`
	KPIs      []struct {
		Name  string   `json:"name"`
		Value *float64 `json:"value"`
	} `json:"kpis"`
	Resolve []struct {
		Priority string   `json:"priority"`
		N        int      `json:"n"`
		Mean     *float64 `json:"mean_h"`
		Median   *float64 `json:"median_h"`
		P90      *float64 `json:"p90_h"`
	} `json:"time_to_resolve"`
}

// TestAgreesWithPandas runs snowreport and kpis.py on the same generated
// export and compares every headline KPI, overall and per priority.
func TestAgreesWithPandas(t *testing.T) {
	py := python(t)
	path := export(t, 30000)
	out, err := exec.Command(snowreportBinary(t), "-format", "json", path).Output()
	require.NoError(t, err)
	var snow snowReport
	require.NoError(t, json.Unmarshal(out, &snow))
	out, err = exec.Command(py, "kpis.py", path).Output()
	require.NoError(t, err)
	var pd pandasKPIs
	require.NoError(t, json.Unmarshal(out, &pd))

	k := map[string]float64{}
	for _, x := range snow.KPIs {
		if x.Value != nil {
			k[x.Name] = *x.Value
		}
	}
	close := func(want, got float64, what string) {
		assert.LessOrEqual(t, math.Abs(want-got), 1e-9*math.Max(1, math.Abs(want)), "%s: pandas %v, snowreport %v", what, want, got)
	}
	assert.Equal(t, float64(pd.Incidents), k["incidents"])
	assert.Equal(t, float64(pd.Closed), k["closed"])
	assert.Equal(t, float64(pd.ReopenedIncidents), k["reopened_incidents"])
	assert.Equal(t, float64(pd.Reopenings), k["reopenings"])
	close(pd.MeanReassignments, k["mean_reassignments"], "mean reassignments")
	assert.Equal(t, float64(pd.MadeSLAKnown), k["made_sla_known"])
	close(pd.MadeSLARate, k["made_sla_rate"], "made_sla rate")
	assert.Equal(t, float64(pd.TTRN), k["ttr_n"])
	assert.Equal(t, float64(pd.TTRUnknown), k["ttr_unknown"])
	close(pd.TTRMean, k["ttr_mean"], "mean time to resolve")
	close(pd.TTRMedian, k["ttr_median"], "median time to resolve")
	close(pd.TTRP90, k["ttr_p90"], "p90 time to resolve")
	assert.Greater(t, pd.TTRUnknown, 0, "the export has resolutions without resolved_at")
	assert.Greater(t, pd.ReopenedIncidents, 0)

	seen := 0
	for _, r := range snow.Resolve {
		want, ok := pd.ByPriority[r.Priority]
		if !ok {
			continue
		}
		seen++
		assert.Equal(t, want.N, r.N, r.Priority)
		for _, f := range []struct {
			name      string
			want, got *float64
		}{{"mean", want.Mean, r.Mean}, {"median", want.Median, r.Median}, {"p90", want.P90, r.P90}} {
			require.Equal(t, f.want == nil, f.got == nil, "%s %s", r.Priority, f.name)
			if f.want != nil {
				close(*f.want, *f.got, r.Priority+" "+f.name)
			}
		}
	}
	assert.Equal(t, 5, seen, "every priority compared")
}

// TestRowOrderDoesNotMatter runs snowreport on a generated export as the
// generator writes it (500 incidents' rows at a time shuffled) and on the
// same rows in time order per incident, under the same name: the reports
// are byte-identical, in every format and with both lifecycles.
func TestRowOrderDoesNotMatter(t *testing.T) {
	dir := filepath.Join(tmp, "order")
	var paths []string
	for _, gen := range []func(io.Writer, int, uint64) (int, int, error){Generate, GenerateInOrder} {
		d := filepath.Join(dir, strconv.Itoa(len(paths)))
		require.NoError(t, os.MkdirAll(d, 0o755))
		path := filepath.Join(d, "export.csv")
		f, err := os.Create(path)
		require.NoError(t, err)
		_, _, err = gen(f, 30000, 2)
		require.NoError(t, err)
		require.NoError(t, f.Close())
		paths = append(paths, path)
	}
	for _, args := range [][]string{{"-format", "json"}, {"-format", "text", "-lifecycle", "itil"}, {"-format", "markdown"}} {
		var outs []string
		for _, path := range paths {
			out, err := exec.Command(snowreportBinary(t), append(args, path)...).Output()
			require.NoError(t, err)
			outs = append(outs, string(out))
		}
		assert.Equal(t, outs[0], outs[1], "%v", args)
	}
}

// BenchmarkKPIs runs snowreport and the pandas script on the same exports,
// side by side, one process per iteration, and reports the peak resident
// memory of the process (maxrss-MB) and the file size (file-MB).
//
//	go test -run '^$' -bench KPIs -benchtime 3x ./snowreport/
func BenchmarkKPIs(b *testing.B) {
	for _, rows := range []int{140_000, 1_400_000} {
		path := export(b, rows)
		st, err := os.Stat(path)
		require.NoError(b, err)
		tools := map[string][]string{
			"snowreport": {snowreportBinary(b), "-format", "json", path},
		}
		if py := python(b); py != "" {
			tools["pandas"] = []string{py, "kpis.py", path}
		}
		for _, tool := range []string{"snowreport", "pandas"} {
			args, ok := tools[tool]
			if !ok {
				continue
			}
			b.Run(fmt.Sprintf("rows=%d/tool=%s", rows, tool), func(b *testing.B) {
				b.ReportAllocs()
				var maxRSS int64
				for b.Loop() {
					cmd := exec.Command(args[0], args[1:]...)
					out, err := cmd.Output()
					require.NoError(b, err)
					require.NotEmpty(b, out)
					if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
						maxRSS = max(maxRSS, ru.Maxrss) // kilobytes on Linux
					}
				}
				b.ReportMetric(float64(maxRSS)/1024, "maxrss-MB")
				b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
			})
		}
	}
}
