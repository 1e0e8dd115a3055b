package com.example.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity(name = "Account")
@Table(name = "users")
@NamedQuery(name = "Account.byEmail", query = "select a from Account a where a.email = :email")
@NamedNativeQuery(name = "Account.one", query = "SELECT * FROM users WHERE user_id = ?")
public class Account {

    @Id
    private UUID userId;

    private String email;
}
