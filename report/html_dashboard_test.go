package report_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// overflowProbe measures the page once laid out: the document's width
// against the window's, and the elements that stick out of the page
// without a scrolling container around them. Only the test's copy of the
// page has it: the page itself needs no script.
const overflowProbe = `<script>
window.addEventListener('load', function () {
  var w = document.documentElement.clientWidth, bad = [];
  document.querySelectorAll('body *').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width === 0 || (r.right <= w + 1 && r.left >= -1)) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return;
    }
    bad.push(el.tagName + (el.id ? '#' + el.id : '') + '@' + Math.round(r.right));
  });
  document.title = 'WIDTH ' + document.documentElement.scrollWidth + ' ' + w + ' ' + bad.slice(0, 8).join(' ');
});
</script>
</body>`

// browser returns a headless Chromium, or skips the test.
func browser(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("a browser in -short mode")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no headless Chromium (Debian: apt-get install chromium)")
	return ""
}

// Issue 14: the dashboard reads on a phone and at 1400 px: no element is
// wider than the page (tables and charts scroll inside their own box).
func TestHTMLFitsThePage(t *testing.T) {
	if raceEnabled {
		t.Skip("a layout check in a browser has no data race to find; the plain test run covers it")
	}
	chromium := browser(t)
	dir := t.TempDir()
	pages := map[string]func(io.Writer) error{}
	rep := sampleReport(t)
	pages["dashboard"] = rep.WriteHTML
	pages["customer"] = func(w io.Writer) error { return rep.WriteCustomerHTML(w, "") }
	long := longReport(t)
	pages["36 months"] = long.WriteHTML
	for name, write := range pages {
		var b bytes.Buffer
		require.NoError(t, write(&b))
		page := strings.Replace(b.String(), "</body>", overflowProbe, 1)
		file := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".html")
		require.NoError(t, os.WriteFile(file, []byte(page), 0o600))
		for _, width := range []string{"390", "1400"} {
			t.Run(name+"@"+width, func(t *testing.T) {
				docW, winW, bad := measure(t, chromium, file, width)
				assert.Equal(t, winW, docW, "the document is as wide as the window")
				assert.Empty(t, bad, "elements wider than the page")
			})
		}
	}
	// The probe sees what it looks for: a wide element outside a
	// scrolling box.
	control := filepath.Join(dir, "control.html")
	require.NoError(t, os.WriteFile(control, []byte(`<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width">`+
		`<title>c</title></head><body><div id="wide" style="width:900px">wide</div>`+overflowProbe+`</html>`), 0o600))
	docW, winW, bad := measure(t, chromium, control, "390")
	assert.NotEqual(t, winW, docW)
	assert.Contains(t, bad, "DIV#wide")
}

// measure loads file at width in headless Chromium and returns the
// probe's findings.
func measure(t *testing.T, chromium, file, width string) (docW, winW, bad string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--window-size="+width+",2000", "--virtual-time-budget=5000",
		"--dump-dom", "file://"+file).Output()
	require.NoError(t, err)
	m := regexp.MustCompile(`<title>WIDTH (\d+) (\d+) ?([^<]*)</title>`).FindSubmatch(out)
	require.NotNil(t, m, "the probe ran")
	return string(m[1]), string(m[2]), string(m[3])
}

// longReport is three years in monthly buckets: 36 axis labels.
func longReport(t *testing.T) report.Report {
	t.Helper()
	spec := fullSpec(t)
	spec.From, spec.To = time.Date(2024, 1, 1, 0, 0, 0, 0, ams), time.Date(2027, 1, 1, 0, 0, 0, 0, ams)
	spec.Bucket = report.Month
	spec.GroupBy = []string{report.KeyPriority, report.KeyCustomer}
	acc, err := report.NewAccumulator(spec)
	require.NoError(t, err)
	for _, r := range randomRecords(7, 200) {
		require.NoError(t, acc.Add(r))
	}
	return acc.Report()
}

// Axis labels of 12 or 36 monthly buckets never overlap: each label is
// at least its width away from the next.
func TestHTMLAxisLabelsDoNotOverlap(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, longReport(t).WriteHTML(&b))
	svgs := regexp.MustCompile(`(?s)<svg .*?</svg>`).FindAllString(b.String(), -1)
	require.NotEmpty(t, svgs)
	label := regexp.MustCompile(`<text x="([0-9.]+)" y="([0-9.]+)" text-anchor="middle">(20\d\d-\d\d)</text>`)
	checked := 0
	for _, svg := range svgs {
		var prevX float64 = -1
		var prevY string
		for _, m := range label.FindAllStringSubmatch(svg, -1) {
			x := mustFloat(t, m[1])
			if prevX >= 0 && m[2] == prevY {
				assert.GreaterOrEqual(t, x-prevX, 7*6.8, "labels %s apart", m[3])
				checked++
			}
			prevX, prevY = x, m[2]
		}
	}
	assert.Greater(t, checked, 10)
}

func mustFloat(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err)
	return f
}
