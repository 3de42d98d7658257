//go:build !linux

package main

import "errors"

func touch(int, bool) (string, error) {
	return "", errors.New("measures Linux's page faults: run it on Linux")
}
