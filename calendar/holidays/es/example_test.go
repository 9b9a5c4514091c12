package es_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date/v2"

	"github.com/go-itsm/itsm/calendar"
	"github.com/go-itsm/itsm/calendar/holidays/es"
)

func ExampleNational() {
	loc, err := time.LoadLocation("Europe/Madrid")
	if err != nil {
		panic(err)
	}
	cal, err := calendar.New(loc, calendar.MustParseWeek("Mon-Fri 09:00-17:00"), calendar.WithExceptions(es.National()))
	if err != nil {
		panic(err)
	}
	for e := range cal.ExceptionsIn(date.New(2027, 10, 1), date.New(2027, 12, 31)) {
		fmt.Println(e.Date, e.Date.Weekday(), e.Name)
	}
	fmt.Println(cal.Workdays(date.New(2027, 1, 1), date.New(2028, 1, 1)), "working days in 2027")
	// Output:
	// 2027-10-12 Tuesday Fiesta Nacional de España
	// 2027-11-01 Monday Todos los Santos
	// 2027-12-06 Monday Día de la Constitución
	// 2027-12-08 Wednesday Inmaculada Concepción
	// 2027-12-25 Saturday Natividad del Señor
	// 254 working days in 2027
}
