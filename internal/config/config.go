// Package config is the program's configuration: defaults, flags and
// environment, validated once at start. There is no global config value.
package config

import (
	"flag"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"time"
)

// Config holds every setting of a SafeCampus process.
type Config struct {
	DataDir       string        // --data: SQLite file and uploads
	DB            string        // --db / SAFECAMPUS_DB: overrides the database
	Addr          string        // --addr: listen address
	Demo          bool          // --demo: load the demo school into an empty database
	AdminPassword string        // SAFECAMPUS_ADMIN_PASSWORD: first admin's password
	SecureCookies bool          // --secure-cookies: mark cookies Secure (behind TLS)
	LogLevel      string        // --log-level: debug, info, warn, error
	ShutdownGrace time.Duration // how long in-flight requests may finish
	// PublicURL (--public-url / SAFECAMPUS_PUBLIC_URL) is the address people
	// reach the program at, e.g. https://anquan.example.edu.cn. QR labels
	// and links in WeCom, DingTalk and e-mail messages use it; without it
	// QR labels follow the request's Host and messages carry bare paths.
	PublicURL string
}

// Defaults returns the configuration a bare `safecampus serve` uses.
func Defaults() Config {
	return Config{DataDir: "./data", Addr: "127.0.0.1:8080", LogLevel: "info", ShutdownGrace: 15 * time.Second}
}

// RegisterData adds --data and --db to fs.
func (c *Config) RegisterData(fs *flag.FlagSet) {
	fs.StringVar(&c.DataDir, "data", c.DataDir, "data folder: SQLite database `DIR`/safecampus.db and uploads")
	fs.StringVar(&c.DB, "db", c.DB, "database `URL` (postgres://… or an SQLite file path); overrides --data for the database (env SAFECAMPUS_DB)")
}

// RegisterServe adds the serve flags to fs.
func (c *Config) RegisterServe(fs *flag.FlagSet) {
	c.RegisterData(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen `address` host:port")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "load the demo school when the database is empty")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark cookies Secure (set when served over HTTPS)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log `level`: debug, info, warn, error")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "public `URL` people open the program at (QR labels, links in notifications; env SAFECAMPUS_PUBLIC_URL)")
}

// ApplyEnv fills settings from the environment where no flag was given.
func (c *Config) ApplyEnv(getenv func(string) string, set map[string]bool) {
	if v := getenv("SAFECAMPUS_DB"); v != "" && !set["db"] {
		c.DB = v
	}
	if v := getenv("SAFECAMPUS_ADMIN_PASSWORD"); v != "" {
		c.AdminPassword = v
	}
	if v := getenv("SAFECAMPUS_ADDR"); v != "" && !set["addr"] {
		c.Addr = v
	}
	if v := getenv("SAFECAMPUS_PUBLIC_URL"); v != "" && !set["public-url"] {
		c.PublicURL = v
	}
}

// Validate reports the first bad setting, naming the flag.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.DataDir) == "" {
		return fmt.Errorf("--data: must not be empty")
	}
	if c.DB != "" && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") && strings.Contains(c.DB, "://") {
		return fmt.Errorf("--db: %q is neither a postgres:// URL nor an SQLite file path", c.DB)
	}
	if c.Addr != "" {
		if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
			return fmt.Errorf("--addr: %q is not host:port (for example 127.0.0.1:8080)", c.Addr)
		}
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("--log-level: %q is not one of debug, info, warn, error", c.LogLevel)
	}
	if c.PublicURL != "" {
		u, err := url.Parse(c.PublicURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
			return fmt.Errorf("--public-url: %q is not an http(s) address like https://anquan.example.edu.cn", c.PublicURL)
		}
		c.PublicURL = strings.TrimRight(c.PublicURL, "/")
	}
	if c.AdminPassword != "" && len([]rune(c.AdminPassword)) < 8 {
		return fmt.Errorf("SAFECAMPUS_ADMIN_PASSWORD: must have at least 8 characters")
	}
	return nil
}

// DatabaseTarget is what sqldb.Open receives.
func (c *Config) DatabaseTarget() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.DataDir, "safecampus.db")
}

// UsesSQLite reports whether the database is the embedded SQLite file.
func (c *Config) UsesSQLite() bool {
	t := c.DatabaseTarget()
	return !strings.HasPrefix(t, "postgres://") && !strings.HasPrefix(t, "postgresql://")
}
