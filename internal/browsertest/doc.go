// Package browsertest drives a headless Chromium for end-to-end tests of
// pages wardley serves (the live preview). It is test support: only tests
// import it, and it is the one package besides the command that starts
// processes and touches files.
//
// It speaks the Chrome DevTools Protocol over a WebSocket with a minimal
// client of its own (RFC 6455, client side, no extensions): the tests need
// a handful of calls, not a browser-automation framework and its
// dependencies.
//
// The browser runs with a fresh profile, no sandbox, no GPU, no background
// networking and every request outside the loopback interface sent to a
// closed local port, so that a test can never reach the network.
package browsertest
