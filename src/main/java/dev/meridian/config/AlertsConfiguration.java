package dev.meridian.config;

import dev.meridian.alerts.AlertEvaluator;
import dev.meridian.alerts.AlertLinks;
import dev.meridian.alerts.AlertNotifier;
import dev.meridian.alerts.AlertRuleStore;
import dev.meridian.alerts.AlertStateStore;
import dev.meridian.alerts.EvidenceCollector;
import dev.meridian.alerts.RulePreview;
import dev.meridian.alerts.RuleValues;
import dev.meridian.query.LogQueries;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.TraceQueries;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Alerts wiring: rule and state stores, the evaluator on the rollups, evidence and notifications. */
@Configuration(proxyBeanMethods = false)
class AlertsConfiguration {

    @Bean
    AlertRuleStore alertRuleStore(DataSource dataSource, Clock clock) {
        return new AlertRuleStore(dataSource, clock);
    }

    @Bean
    AlertStateStore alertStateStore(DataSource dataSource) {
        return new AlertStateStore(dataSource);
    }

    @Bean
    AlertLinks alertLinks(AlertProperties properties) {
        return new AlertLinks(properties.publicUrl());
    }

    @Bean
    AlertNotifier alertNotifier(AlertStateStore states, ObjectProvider<JavaMailSender> mail, AlertProperties properties, Clock clock) {
        return new AlertNotifier(states, mail.getIfAvailable(), properties.mailFrom(), properties.retryBackoff(), clock);
    }

    @Bean
    RulePreview rulePreview(ServiceQueries services, MetricQueries metrics, Clock clock) {
        return new RulePreview(new RuleValues(services, metrics), clock);
    }

    @Bean
    AlertEvaluator alertEvaluator(AlertRuleStore rules, AlertStateStore states, ServiceQueries services, MetricQueries metrics,
                                  TraceQueries traces, LogQueries logs, AlertNotifier notifier, AlertLinks links,
                                  AlertProperties properties, Clock clock) {
        return new AlertEvaluator(rules, states, new RuleValues(services, metrics), new EvidenceCollector(traces, logs, links),
                notifier, links, clock, properties.evaluationInterval());
    }
}
