CREATE TABLE invoices (id uuid PRIMARY KEY);
