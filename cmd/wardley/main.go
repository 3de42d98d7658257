// Command wardley compiles and renders Wardley maps written in the
// OnlineWardleyMaps language. Run `wardley help` for the commands.
package main

import "os"

func main() { os.Exit(Main(OSEnv(), os.Args[1:])) }
