package model

import "github.com/wardley-maps/wardley/parser"

// checkElementCompat warns where OWM reads a component line differently.
func (c *compiler) checkElementCompat(e *Element, s *parser.Component, mods modifiers) {}

// checkEvolveCompat warns where OWM reads an evolve line differently.
func (c *compiler) checkEvolveCompat(s *parser.Evolve, ev *Evolution) {}
