/** {@code /map}: the service map, services as nodes and the calls between them as edges, from ingest-time rollups. */
package dev.meridian.ui.map;
