"""Reference answers for chapter 08, "Generalisation".

Try each exercise yourself first: the checks in the notebook give hints. Each cell below
replaces the body of the matching answer cell in chapters/08_generalisation.ipynb.
"""

# %% Exercise 8.1
def l2_penalty_and_gradient(W, lam):
    penalty = 0.5 * lam * np.sum(W ** 2)   # ½·λ·Σw²
    grad = lam * W                         # ∂/∂w of ½·λ·w² is λ·w
    return penalty, grad

# %% Exercise 8.2
def dropout_forward_backward(x, grad, keep, p):
    mask = keep / (1 - p)        # 0 where dropped, 1/(1 − p) where kept
    out = x * mask
    dx = grad * mask             # out = x ⊙ mask, so ∂L/∂x = ∂L/∂out ⊙ mask
    return out, dx

# %% Exercise 8.3
def early_stopping_epochs(val_losses, patience):
    best_loss, best_epoch = float("inf"), 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best_loss:
            best_loss, best_epoch = loss, epoch
        if epoch - best_epoch >= patience:
            return best_epoch, epoch
    return best_epoch, len(val_losses)
