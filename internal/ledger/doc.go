// Package ledger is the read side of inspections: the inspection ledger
// (台账) with its filters and keyset pages, the detail of one inspection and
// the .xlsx export of both. It only reads the tables the inspection service
// writes (schema 0002_inspections.sql is the contract), so it does not
// depend on that service's code; the only write is the audit entry of an
// export.
package ledger
