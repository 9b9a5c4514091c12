package main

import (
	"context"
	"database/sql"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the service's Prometheus metrics. Counters count what this
// replica did; the gauges read the shared database when scraped, so every
// replica reports the same incidents per SLA state and outbox depth.
type metrics struct {
	reg              *prometheus.Registry
	ingested         *prometheus.CounterVec
	evalSeconds      prometheus.Histogram
	batchSize        prometheus.Histogram
	breaches         prometheus.Counter
	deliveries       *prometheus.CounterVec
	deliveryFailures prometheus.Counter
	requests         *prometheus.CounterVec
	dbOnce           sync.Once
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		ingested: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "slaservice_events_ingested_total",
			Help: "Events posted, by outcome: accepted (committed) or refused."}, []string{"outcome"}),
		evalSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "slaservice_evaluation_seconds",
			Help: "Time to evaluate one incident's SLAs and escalations.", Buckets: prometheus.ExponentialBuckets(1e-6, 4, 10)}),
		batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "slaservice_group_commit_events",
			Help: "Events per group-commit transaction.", Buckets: prometheus.ExponentialBuckets(1, 2, 9)}),
		breaches: prometheus.NewCounter(prometheus.CounterOpts{Name: "slaservice_sla_breaches_total",
			Help: "SLA and OLA targets found breached by this replica (each counted once, when first seen)."}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "slaservice_outbox_deliveries_total",
			Help: "Outbox rows finished by this replica, by outcome: delivered or failed (gave up)."}, []string{"outcome"}),
		deliveryFailures: prometheus.NewCounter(prometheus.CounterOpts{Name: "slaservice_outbox_delivery_failures_total",
			Help: "Failed webhook attempts (each retry counts)."}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "slaservice_http_requests_total",
			Help: "HTTP requests by route pattern and status code."}, []string{"route", "code"}),
	}
	m.reg.MustRegister(m.ingested, m.evalSeconds, m.batchSize, m.breaches, m.deliveries, m.deliveryFailures, m.requests,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// dbCollector reads the gauges from the database at scrape time.
type dbCollector struct {
	db        *sql.DB
	incidents *prometheus.Desc
	outbox    *prometheus.Desc
}

func newDBCollector(db *sql.DB) *dbCollector {
	return &dbCollector{db: db,
		incidents: prometheus.NewDesc("slaservice_incidents", "Incidents by SLA state (worst of their SLA and OLA clocks: none, met, paused, running, breached).", []string{"sla_state"}, nil),
		outbox:    prometheus.NewDesc("slaservice_outbox_depth", "Outbox rows by status: pending (to deliver), delivered, failed (gave up).", []string{"status"}, nil),
	}
}

// Describe implements prometheus.Collector.
func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.incidents; ch <- c.outbox }

// Collect implements prometheus.Collector: one query per gauge, bounded by 2 s.
func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	c.counts(ctx, ch, c.incidents, `SELECT sla_state, count(*) FROM incidents GROUP BY sla_state`, []string{"none", "met", "paused", "running", "breached"})
	c.counts(ctx, ch, c.outbox, `SELECT status, count(*) FROM outbox GROUP BY status`, []string{"pending", "delivered", "failed"})
}

func (c *dbCollector) counts(ctx context.Context, ch chan<- prometheus.Metric, d *prometheus.Desc, q string, labels []string) {
	n := map[string]float64{}
	rows, err := c.db.QueryContext(ctx, q)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(d, err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v float64
		if err := rows.Scan(&k, &v); err != nil {
			ch <- prometheus.NewInvalidMetric(d, err)
			return
		}
		n[k] = v
	}
	for _, l := range labels {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, n[l], l)
	}
}

// gatherer is the registry of the store's metrics with the
// database gauges.
func gatherer(s *Store) *prometheus.Registry {
	s.m.dbOnce.Do(func() { s.m.reg.MustRegister(newDBCollector(s.db)) })
	return s.m.reg
}
