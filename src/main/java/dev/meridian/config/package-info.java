/** Typed configuration ({@code meridian.*}), storage wiring and the {@link java.time.Clock} bean. */
package dev.meridian.config;
