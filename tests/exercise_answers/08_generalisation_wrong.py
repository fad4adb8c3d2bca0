"""Plausible wrong answers for chapter 08's exercises (each check must say "Not yet")."""

# %% Exercise 8.1
# Forgets the ½: penalty λ·Σw² with gradient 2λw.
def l2_penalty_and_gradient(W, lam):
    return lam * np.sum(W ** 2), 2 * lam * W

# %% Exercise 8.2
# "Plain" dropout while training: zeroes the dropped values but does not rescale the kept ones.
def dropout_forward_backward(x, grad, keep, p):
    return x * keep, grad * keep

# %% Exercise 8.3
# Counts epochs from 0.
def early_stopping_epochs(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        if epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses) - 1
