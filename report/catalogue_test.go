package report_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-itsm/itsm/report"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A spec's JSON with its period set; extra holds the fields a case adds
// ("" for none).
func specJSON(extra string) string {
	s := `{"from":"2026-03-01T00:00:00Z","to":"2026-04-01T00:00:00Z","zone":"UTC"`
	if extra != "" {
		s += "," + extra
	}
	return s + "}"
}

// A record's JSON with its id and opening set.
func recordJSON(extra string) string {
	s := `{"id":"INC-1","opened_at":"2026-03-02T09:00:00Z"`
	if extra != "" {
		s += "," + extra
	}
	return s + "}"
}

// The catalogue of mistakes a host makes in the configuration and input it
// gives the report package, as JSON, as a host loads it: each is an error
// that satisfies the right sentinel, is a *FieldError naming the path,
// starts with "report: " and says what is wrong (and, for a name, what
// exists).
func TestCatalogue(t *testing.T) {
	deep := strings.Repeat("[", 20000) + strings.Repeat("]", 20000)
	tests := []struct {
		name string
		kind string // spec, record, report, slo, rule; "spec direct": Spec.UnmarshalJSON
		// without encoding/json around it, which reports malformed JSON
		// (nesting too deep) itself, as a *json.SyntaxError
		json     string
		opts     []report.Option
		sentinel error
		path     string
		contains string
	}{
		// Spec: decoding.
		{"spec unknown key", "spec", specJSON(`"bucket":"week","groupby":["service"]`), nil, report.ErrInvalidSpec, "", `unknown field "groupby" (known: as_of, availability, breach_limit, bucket`},
		{"spec nested unknown key", "spec", specJSON(`"recurring":{"treshold":2}`), nil, report.ErrInvalidSpec, "recurring", `unknown field "treshold"`},
		{"spec unknown key in a window", "spec", specJSON(`"availability":{"maintenance":[{"start":"2026-03-02T00:00:00Z","end":"2026-03-02T01:00:00Z","sevice":"mail"}]}`), nil, report.ErrInvalidSpec, "availability.maintenance[0]", `unknown field "sevice"`},
		{"spec key twice", "spec", specJSON(`"bucket":"week","bucket":"day"`), nil, report.ErrInvalidSpec, "", `field "bucket" given twice`},
		{"spec wrong type", "spec", specJSON(`"breach_limit":"ten"`), nil, report.ErrInvalidSpec, "breach_limit", "want a whole number"},
		{"spec wrong type of list", "spec", specJSON(`"group_by":"service"`), nil, report.ErrInvalidSpec, "group_by", "want a list"},
		{"spec wrong type of instant", "spec", specJSON(`"availability":{"maintenance":[{"start":7}]}`), nil, report.ErrInvalidSpec, "availability.maintenance[0].start", ""},
		{"spec unknown word", "spec", specJSON(`"bucket":"fortnight"`), nil, report.ErrInvalidSpec, "bucket", "(known: period, day, week, month)"},
		{"spec unknown family", "spec", specJSON(`"kpis":["counts","mttr"]`), nil, report.ErrInvalidSpec, "kpis[1]", "(known: counts, durations, sla, rates, availability, recurring)"},
		{"spec malformed duration", "spec", specJSON(`"recurring":{"window":"7 days"}`), nil, report.ErrInvalidSpec, "recurring.window", ""},
		{"spec unknown zone", "spec", `{"from":"2026-03-01T00:00:00Z","to":"2026-04-01T00:00:00Z","zone":"Europe/Amsterdan"}`, nil, report.ErrInvalidSpec, "zone", "unknown time zone"},
		{"spec huge number", "spec", specJSON(`"breach_limit":1e400`), nil, report.ErrInvalidSpec, "breach_limit", ""},
		{"spec huge integer", "spec", specJSON(`"recurring":{"threshold":99999999999999999999}`), nil, report.ErrInvalidSpec, "recurring.threshold", "want a whole number in range"},
		{"spec deeply nested", "spec direct", specJSON(`"group_by":` + deep), nil, report.ErrInvalidSpec, "group_by", ""},
		{"spec malformed", "spec direct", `{"from":"2026-03-01T00:00:00Z",`, nil, report.ErrInvalidSpec, "", "malformed JSON"},
		{"spec not an object", "spec", `["from"]`, nil, report.ErrInvalidSpec, "", "want a JSON object"},
		{"spec bad calendar", "spec", specJSON(`"calendar":{"location":"UTC","week":"Mon-Fri 17:00-09:00x"}`), nil, report.ErrInvalidSpec, "calendar.week", ""},
		// Spec: values, at construction.
		{"spec empty", "spec", `{}`, nil, report.ErrInvalidSpec, "from", "the period needs its start"},
		{"spec no zone", "spec", `{"from":"2026-03-01T00:00:00Z","to":"2026-04-01T00:00:00Z"}`, nil, report.ErrInvalidSpec, "zone", "needs a time zone"},
		{"spec reversed period", "spec", `{"from":"2026-04-01T00:00:00Z","to":"2026-03-01T00:00:00Z","zone":"UTC"}`, nil, report.ErrInvalidSpec, "to", "must be after from"},
		{"spec negative limit", "spec", specJSON(`"breach_limit":-1`), nil, report.ErrInvalidSpec, "breach_limit", "must be 0 to 100000"},
		{"spec negative window", "spec", specJSON(`"recurring":{"window":"-1h"}`), nil, report.ErrInvalidSpec, "recurring.window", "must be positive"},
		{"spec reversed maintenance", "spec", specJSON(`"availability":{"maintenance":[{"start":"2026-03-02T01:00:00Z","end":"2026-03-02T00:00:00Z"}]}`), nil, report.ErrInvalidSpec, "availability.maintenance[0].end", "the end must be after the start"},
		{"spec target out of range", "spec", specJSON(`"availability":{"target":99.9}`), nil, report.ErrInvalidSpec, "availability.target", "between 0 and 1"},
		{"spec empty family", "spec", specJSON(`"kpis":[""]`), nil, report.ErrInvalidSpec, "kpis[0]", "no such KPI family (known: counts,"},
		{"spec dangling key", "spec", specJSON(`"group_by":["priority","tier"]`), []report.Option{report.WithKey("region", func(report.Record) string { return "" })}, report.ErrInvalidSpec, "group_by[1]", "no such grouping key (known: priority, service, customer, group, category, configuration_item, region;"},
		{"spec dangling recurring key", "spec", specJSON(`"recurring":{"by":["customer"]}`), nil, report.ErrInvalidSpec, "recurring.by[0]", "must be service or configuration_item"},
		{"spec dangling service", "spec", specJSON(`"availability":{"maintenance":[{"service":"mial","start":"2026-03-02T00:00:00Z","end":"2026-03-02T01:00:00Z"}]}`), []report.Option{report.WithServices("mail", "erp")}, report.ErrInvalidSpec, "availability.maintenance[0].service", "no such service (known: erp, mail)"},
		{"spec dangling service calendar", "spec", specJSON(`"availability":{"services":{"vpm":{"location":"UTC","week":"Mon-Fri 09:00-17:00"}}}`), []report.Option{report.WithServices("vpn")}, report.ErrInvalidSpec, "availability.services.vpm", "no such service (known: vpn)"},
		{"spec too many buckets", "spec", `{"from":"1990-01-01T00:00:00Z","to":"2030-01-01T00:00:00Z","zone":"UTC","bucket":"day"}`, nil, report.ErrInvalidSpec, "bucket", "more than 10000 buckets"},
		// Record: decoding.
		{"record unknown key", "record", recordJSON(`"resolved_at":"2026-03-02T10:00:00Z"`), nil, report.ErrInvalidRecord, "", `unknown field "resolved_at"`},
		{"record unknown key in a hold", "record", recordJSON(`"holds":[{"start":"2026-03-02T10:00:00Z","stop":"2026-03-02T11:00:00Z"}]`), nil, report.ErrInvalidRecord, "holds[0]", `unknown field "stop"`},
		{"record unknown key in an assignment", "record", recordJSON(`"assignments":[{"at":"2026-03-02T10:00:00Z","team":"desk"}]`), nil, report.ErrInvalidRecord, "assignments[0]", `unknown field "team" (known: at, group)`},
		{"record unknown key in an outcome", "record", recordJSON(`"sla":[{"policy":"p","metric":"resolve","state":"met","goal":"1h","accrued":"1h","ended_at":"2026-03-02T10:00:00Z"}]`), nil, report.ErrInvalidRecord, "sla[0]", `unknown field "ended_at"`},
		{"record wrong type", "record", recordJSON(`"major":"yes"`), nil, report.ErrInvalidRecord, "major", "want true or false"},
		{"record unknown state", "record", recordJSON(`"sla":[{"policy":"p","metric":"resolve","state":"braeched","goal":"1h","accrued":"1h"}]`), nil, report.ErrInvalidRecord, "sla[0].state", ""},
		{"record malformed duration", "record", recordJSON(`"sla":[{"policy":"p","metric":"resolve","state":"running","goal":"1 hour","accrued":"0s"}]`), nil, report.ErrInvalidRecord, "sla[0].goal", ""},
		{"record huge number", "record", recordJSON(`"sla":[{"policy":"p","metric":"resolve","state":"running","goal":"1h","accrued":"0s","cycle":1e20}]`), nil, report.ErrInvalidRecord, "sla[0].cycle", "want a whole number in range"},
		{"record deeply nested", "record direct", recordJSON(`"resolutions":` + deep), nil, report.ErrInvalidRecord, "resolutions", ""},
		// Record: values, on Add.
		{"record empty", "record", `{}`, nil, report.ErrInvalidRecord, `records[""].id`, "a record needs the incident's id"},
		{"record reversed hold", "record", recordJSON(`"holds":[{"start":"2026-03-02T11:00:00Z","end":"2026-03-02T10:00:00Z"}]`), nil, report.ErrInvalidRecord, `records["INC-1"].holds[0].end`, "is before 2026-03-02T11:00:00Z"},
		{"record negative goal", "record", recordJSON(`"sla":[{"policy":"p","metric":"resolve","state":"running","goal":"-1h","accrued":"0s"}]`), nil, report.ErrInvalidRecord, `records["INC-1"].sla[0].goal`, "cannot be negative"},
		{"record resolved before opened", "record", recordJSON(`"resolutions":["2026-03-01T09:00:00Z"]`), nil, report.ErrInvalidRecord, `records["INC-1"].resolutions[0]`, "is before 2026-03-02T09:00:00Z"},
		// Report: decoding what WriteJSON wrote, edited.
		{"report unknown key", "report", `{"period":{"from":"2026-03-01T00:00:00Z","to":"2026-04-01T00:00:00Z","zone":"UTC","bucket":"period","kpis":["counts"],"span":1}}`, nil, report.ErrInvalidReport, "period", `unknown field "span"`},
		{"report unknown word", "report", `{"period":{"bucket":"fortnight"}}`, nil, report.ErrInvalidReport, "period.bucket", "unknown BucketSize"},
		{"report unknown family", "report", `{"period":{"kpis":["counts","slo"]}}`, nil, report.ErrInvalidReport, "period.kpis[1]", "unknown Family"},
		{"report unknown unit", "report", `{"changes":[{"grouping":"all","group":"all","kpi":"opened","current":{"unit":"percent","value":1}}]}`, nil, report.ErrInvalidReport, "changes[0].current.unit", "unknown Unit (known: count, ratio, number, duration)"},
		{"report value of the wrong type", "report", `{"changes":[{"grouping":"all","group":"all","kpi":"opened","current":{"unit":"count","value":1.5}}]}`, nil, report.ErrInvalidReport, "changes[0].current.value", "want a whole number"},
		{"report wrong type", "report", `{"groupings":[{"key":"all","groups":[{"value":"all","stats":{"counts":{"opened":"3"}}}]}]}`, nil, report.ErrInvalidReport, "groupings[0].groups[0].stats.counts.opened", "want a whole number"},
		{"report unknown key in a distribution", "report", `{"groupings":[{"key":"all","groups":[{"value":"all","stats":{"durations":{"mttr":{"wall":{"count":1,"avg":"1h"}}}}}]}]}`, nil, report.ErrInvalidReport, "groupings[0].groups[0].stats.durations.mttr.wall", `unknown field "avg"`},
		{"report malformed duration", "report", `{"availability":[{"service":"mail","agreed_time":"forever","maintenance":"0s","downtime":"0s","breaks":0}]}`, nil, report.ErrInvalidReport, "availability[0].agreed_time", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := catalogueError(t, tt.kind, tt.json, tt.opts)
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var fe *report.FieldError
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, tt.path, fe.Path)
			assert.True(t, strings.HasPrefix(err.Error(), "report: "), err.Error())
			assert.Contains(t, err.Error(), tt.contains)
			for _, other := range []error{report.ErrInvalidSpec, report.ErrInvalidRecord, report.ErrInvalidReport} {
				if other != tt.sentinel {
					assert.NotErrorIs(t, err, other, "one sentinel of the package")
				}
			}
			t.Log(err)
		})
	}
}

// catalogueError feeds data to the package as a host does: decoding, then
// construction (NewAccumulator, Add).
func catalogueError(t *testing.T, kind, data string, opts []report.Option) error {
	switch kind {
	case "spec direct":
		var s report.Spec
		return s.UnmarshalJSON([]byte(data))
	case "record direct":
		var r report.Record
		return r.UnmarshalJSON([]byte(data))
	case "spec":
		var s report.Spec
		if err := json.Unmarshal([]byte(data), &s); err != nil {
			return err
		}
		_, err := report.NewAccumulator(s, opts...)
		return err
	case "record":
		var r report.Record
		if err := json.Unmarshal([]byte(data), &r); err != nil {
			return err
		}
		acc, err := report.NewAccumulator(report.Spec{From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			To: time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), Location: time.UTC})
		require.NoError(t, err)
		return acc.Add(r)
	case "report":
		var r report.Report
		return json.Unmarshal([]byte(data), &r)
	}
	t.Fatalf("unknown kind %q", kind)
	return errors.New("unreachable")
}

// Strictness costs nothing to what the package writes: a report with
// every section and a comparison (values of every unit, invalid ones
// too), the records it was built from and its spec read back equal. The
// report is grouped by one key, not fullSpec's three: the groupings are
// the same type, and decoding three of them (1 MB of JSON) took over a
// second under -race.
func TestStrictReadsWhatItWrites(t *testing.T) {
	spec := fullSpec(t)
	spec.GroupBy = []string{report.KeyService}
	records := randomRecords(3, 60)
	acc := aggregate(t, spec, records, []report.Window{{Service: "vpn", Start: at(3, 10, 0), End: at(3, 12, 0)}})
	prevSpec := spec.Previous()
	prev := aggregate(t, prevSpec, records, nil)
	rep := acc.Report().Compare(prev.Report())
	units := map[report.Unit]bool{}
	invalidValues := 0
	for _, c := range rep.Changes {
		units[c.Current.Unit] = true
		if !c.Delta.Valid {
			invalidValues++
		}
	}
	require.Len(t, units, 4, "values of every unit")
	require.Positive(t, invalidValues)

	var b strings.Builder
	require.NoError(t, rep.WriteJSON(&b))
	var back report.Report
	require.NoError(t, json.Unmarshal([]byte(b.String()), &back))
	require.Equal(t, rep, back)

	for _, r := range records {
		data, err := json.Marshal(r)
		require.NoError(t, err)
		var rb report.Record
		require.NoError(t, rb.UnmarshalJSON(data), string(data))
		again, err := json.Marshal(rb)
		require.NoError(t, err)
		require.JSONEq(t, string(data), string(again))
	}

	data, err := json.Marshal(acc.Spec())
	require.NoError(t, err)
	var sb report.Spec
	require.NoError(t, sb.UnmarshalJSON(data))
	again, err := json.Marshal(sb)
	require.NoError(t, err)
	require.JSONEq(t, string(data), string(again))
}

// With a service catalogue, an outage of a service it does not list is a
// dangling name too; without one, any service goes.
func TestWithServices(t *testing.T) {
	acc, err := report.NewAccumulator(march(), report.WithServices("vpn", "mail"), report.WithServices("erp"))
	require.NoError(t, err)
	require.NoError(t, acc.AddOutage(report.Window{Service: "vpn", Start: at(3, 10, 0)}))
	err = acc.AddOutage(report.Window{Service: "wlan", Start: at(3, 10, 0)})
	require.ErrorIs(t, err, report.ErrInvalidSpec)
	var fe *report.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "outage.service", fe.Path)
	assert.Equal(t, `report: outage.service "wlan": no such service (known: erp, mail, vpn)`, err.Error())

	_, err = report.NewAccumulator(march(), report.WithServices("vpn", ""))
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "services[1]", fe.Path)

	free, err := report.NewAccumulator(march())
	require.NoError(t, err)
	require.NoError(t, free.AddOutage(report.Window{Service: "wlan", Start: at(3, 10, 0)}))
}
