/**
 * A/B experiments as a library: arms (a label and a backend config, factory or launcher) run with the same script
 * and settings, repeated with seeds S, S+1, …, independently or on one shared history, optionally beside the noise
 * floor (the baseline with other seeds), and compared with intervals — see {@link dev.longhaul.experiment.AbExperiment}.
 */
package dev.longhaul.experiment;
