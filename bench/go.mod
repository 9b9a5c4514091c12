module github.com/go-itsm/itsm/bench

go 1.24.0

require (
	github.com/go-itsm/itsm v0.0.0
	github.com/rickar/cal/v2 v2.1.26
	github.com/rickb777/date/v2 v2.1.8
	github.com/stretchr/testify v1.12.1
)

require (
	github.com/govalues/decimal v0.1.36 // indirect
	github.com/rickb777/period v1.0.9 // indirect
	github.com/rickb777/plural v1.4.2 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)

replace github.com/go-itsm/itsm => ../
