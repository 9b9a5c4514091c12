package main

import (
	"os"
	"sort"

	"github.com/go-itsm/itsm/report"
)

// Reports are the reports of one run: the overall one and one per group
// of the per-group key.
type Reports struct {
	Overall  report.Report
	Groups   map[string]report.Report
	Problems []string
}

// singleProcess is the reference the pipeline is checked against, and the
// way to run without Beam: it reads the files in order, gathers each
// incident's entries, folds each incident and adds its record to one
// accumulator for the whole report and one per group, in one process.
func singleProcess(set Settings, files []string) (Reports, error) {
	d, err := newDesk(set)
	if err != nil {
		return Reports{}, err
	}
	byKey := map[string][]Entry{}
	var problems []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return Reports{}, err
		}
		err = readFile(name, f,
			func(k Keyed) { byKey[k.Key] = append(byKey[k.Key], k.Entry) },
			func(p Problem) { problems = append(problems, p.String()) })
		f.Close()
		if err != nil {
			return Reports{}, err
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys) // for the problems' order only: the report does not depend on it
	overall, err := report.NewAccumulator(d.spec)
	if err != nil {
		return Reports{}, err
	}
	groups := map[string]*report.Accumulator{}
	for _, k := range keys {
		rec, ok, probs := d.foldIncident(k, byKey[k])
		for _, p := range probs {
			problems = append(problems, p.String())
		}
		if !ok {
			continue
		}
		if err := overall.Add(rec); err != nil {
			return Reports{}, err
		}
		g := groupOf(set.Per, rec)
		if groups[g] == nil {
			if groups[g], err = report.NewAccumulator(d.spec); err != nil {
				return Reports{}, err
			}
		}
		if err := groups[g].Add(rec); err != nil {
			return Reports{}, err
		}
	}
	out := Reports{Overall: overall.Report(), Groups: map[string]report.Report{}, Problems: problems}
	for g, a := range groups {
		out.Groups[g] = a.Report()
	}
	sort.Strings(out.Problems)
	return out, nil
}
