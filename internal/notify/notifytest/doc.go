// Package notifytest runs local stand-ins for the receivers of outbound
// notifications — a WeCom or DingTalk group robot (an HTTP server that
// checks the credential and DingTalk's signature and answers scripted
// errcodes) and an SMTP server with implicit TLS and a login — so tests
// of internal/notify and of the packages that send through it see exactly
// what was delivered. Only tests import it.
package notifytest
