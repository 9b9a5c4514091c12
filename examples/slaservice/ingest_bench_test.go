package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// BenchmarkIngest is sustained durable ingest over HTTP on loopback: 32
// concurrent clients post events (each client its own incidents: an open
// event and 19 updates, then the next incident), every 201 meaning the
// event is committed. It reports acknowledged events per second, the p50
// and p99 latency of a POST and the events per group commit. Run it with
//
//	SLASERVICE_PG_URL=postgres://... go test -run '^$' -bench Ingest -benchtime 20000x
//
// $SLASERVICE_COMMITTERS overrides the number of concurrent group commits
// on PostgreSQL (default 1).
func BenchmarkIngest(b *testing.B) {
	for _, be := range backends(b) {
		b.Run(be.name, func(b *testing.B) { benchIngest(b, be.dsn(b)) })
	}
}

func benchIngest(b *testing.B, dsn string) {
	b.ReportAllocs()
	r, err := newRules()
	require.NoError(b, err)
	spec, err := reportSpec()
	require.NoError(b, err)
	committers, _ := strconv.Atoi(os.Getenv("SLASERVICE_COMMITTERS"))
	store, err := OpenStore(context.Background(), dsn, r, StoreConfig{Committers: committers}, newMetrics())
	require.NoError(b, err)
	defer store.Close()
	const token = "bench-token"
	if err := store.storeToken(context.Background(), token, "bench", roleAgent, "*"); err != nil {
		b.Logf("token: %v", err)
	}
	srv := NewServer(store, spec, ServerConfig{}, quiet)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(b, err)
	hs := &http.Server{Handler: srv.Handler()}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	url := "http://" + ln.Addr().String()

	const clients = 32
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var next atomic.Int64
	lat := make([]time.Duration, b.N)
	var failed atomic.Int64
	run := fmt.Sprintf("%x", time.Now().UnixNano())
	base := time.Now().Add(-time.Hour).UTC()
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var id string
			for k := 0; ; k++ {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				var body string
				at := base.Add(time.Duration(k) * time.Millisecond).Format(time.RFC3339Nano)
				if k%20 == 0 {
					id = fmt.Sprintf("B%s-%d-%d", run, c, k/20)
					body = fmt.Sprintf(`{"at":%q,"actor":"agent","type":"open","id":%q,"customer":"acme","impact":2,"urgency":2}`, at, id)
				} else {
					body = fmt.Sprintf(`{"at":%q,"actor":"agent","type":"comment","note":"update %d"}`, at, k)
				}
				req, _ := http.NewRequest("POST", url+"/incidents/"+id+"/events", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				lat[i] = time.Since(t0)
				if err != nil || resp.StatusCode != http.StatusCreated {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d posts failed", n, b.N)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
	b.ReportMetric(float64(lat[len(lat)/2])/1e6, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100])/1e6, "p99-ms")
	mfs, err := store.m.reg.Gather()
	require.NoError(b, err)
	for _, mf := range mfs {
		if mf.GetName() == "slaservice_group_commit_events" {
			h := mf.GetMetric()[0].GetHistogram()
			b.ReportMetric(h.GetSampleSum()/float64(h.GetSampleCount()), "events/commit")
		}
	}
}
