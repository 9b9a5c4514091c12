package slo

import "github.com/go-itsm/itsm/report"

// Rows returns the status as report's tidy rows, so that a host can put
// SLO results beside a period report (report.Report.Rows, the CSV form)
// without package report knowing this one: grouping "slo", group the
// Label, no bucket, and the KPIs
//
//	slo_elapsed            ratio   Elapsed
//	slo_budget_remaining   ratio   Remaining
//	slo_burn_rate          number  BurnRate
//	slo_burn_<long>        number  each rule's long-window burn rate ("slo_burn_1h0m0s")
//	slo_firing_<long>      count   1 when that rule fires, else 0
func (st BudgetStatus) Rows() []report.Row {
	row := func(kpi string, v report.Value) report.Row {
		return report.Row{Grouping: "slo", Group: st.Label, KPI: kpi, Value: v}
	}
	out := []report.Row{
		row("slo_elapsed", report.Value{Unit: report.UnitRatio, Valid: true, Float: st.Elapsed}),
		row("slo_budget_remaining", st.Remaining),
		row("slo_burn_rate", st.BurnRate),
	}
	for _, a := range st.Alerts {
		out = append(out, row("slo_burn_"+a.Rule.Long.String(), a.LongRate))
	}
	for _, a := range st.Alerts {
		var n int64
		if a.Firing {
			n = 1
		}
		out = append(out, row("slo_firing_"+a.Rule.Long.String(), report.Value{Unit: report.UnitCount, Valid: true, Count: n}))
	}
	return out
}
