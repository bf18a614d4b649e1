package org.odsharvester.udata;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How the harvester's own tables beside udata are written and read: each write in its own short transaction
 * that commits at once, whatever the surrounding chunk transaction does (udata, written between them, is not
 * transactional), and each read outside any transaction, so that no transaction holds read locks that would
 * block those writes (HSQLDB's default lock mode) and reads cost no commit.
 */
final class OwnTransactions {

    private final TransactionTemplate committed;
    private final TransactionTemplate outside;

    OwnTransactions(DataSource dataSource) {
        this.committed = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.committed.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.outside = new TransactionTemplate(committed.getTransactionManager());
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    /** Runs {@code work} in a new transaction, committed when this returns. */
    <T> T committed(Supplier<T> work) {
        return committed.execute(status -> work.get());
    }

    /** Runs {@code work} with any surrounding transaction suspended. */
    <T> T outside(Supplier<T> work) {
        return outside.execute(status -> work.get());
    }
}
